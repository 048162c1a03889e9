"""Engines: ways to run process_page + save_result over many pages.

    warc.py         WARC/ARC records -> Pages (warcio), local files or streamed URLs
    sites.py        keep only the sites of a sites file
    work.py         what a worker process runs (warm-up once, then pages)
    tally.py        counting, storing a record as a crawl would, work units done
    pool.py         the local engine: a process pool, the parent writes
    dask_engine.py  the Dask engine: one task per file or byte range, one shard each
    shards.py       site_in_shard for crawl shards, and merging shard files
    warc_writer.py  a crawl's fetches as WARC (request + response), one rotating .warc.gz per run
    ingest.py       the edge: ingest() and merge() for the CLI
"""
