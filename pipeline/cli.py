"""The command line: parses flags, builds a Config, calls run.py or a step, prints results.

Exit statuses: 0 success; 1 more failed pages than --max-error-ratio; 2 usage error;
70 internal error; 75 another run holds the database; 78 bad configuration (sysexits.h). Logs go to stderr, WARNING and
above by default, so cron mails only when something is wrong.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import NoReturn

import click

from pipeline import __version__
from pipeline.config import Config, parse_shard
from pipeline.errors import ConfigError, DatabaseBusy, DiskFull, PipelineError, Terminated, storage_error
from pipeline.lock import LockHeld

EXIT_INTERNAL = 70
EXIT_CONFIG = 78
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the database, or SQLite's write lock stays taken
EXIT_IOERR = 74  # EX_IOERR: the disk is full
DEMO_PORT = 8765


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("pipeline").setLevel(level)
    # Libraries log at ERROR about pages, not about us (trafilatura's and htmldate's "parsed tree
    # length"): the page's own outcome is already reported, so their lines are shown only with -v.
    # A filter on our handler, because some (htmldate) set their own logger level when imported.
    if not verbose:
        handler.addFilter(lambda record: record.name.startswith("pipeline") or record.levelno >= logging.CRITICAL)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pipeline")
@click.option("-v", "--verbose", count=True, help="More log lines on stderr (-v info, -vv debug).")
@click.option("-q", "--quiet", is_flag=True,
              help="Only errors on stderr; `crawl` prints its summary only when the run did not succeed (for cron).")
def cli(verbose: int, quiet: bool) -> None:
    """Crawl crypto and finance news into SQLite, with every money and percent figure."""
    _setup_logging(verbose, quiet)


def _print_summary(summary, err: bool = False) -> None:
    errors = ", ".join(f"{kind} {n}" for kind, n in summary.errors.most_common())
    click.echo(
        f"pages fetched: {summary.pages_fetched} (failed {summary.pages_failed}, skipped {summary.skipped}:"
        f" robots.txt, not HTML, off the sites or blocked; dead links {summary.gone})\n"
        + (f"blocked by the address policy: {summary.blocked} (see allow_private)\n" if summary.blocked else "")
        + f"articles: {summary.articles_new} new, {summary.articles_updated} updated, "
        f"{summary.articles_unchanged} unchanged ({summary.not_modified} pages not modified)\n"
        f"figures found: {summary.figures}\n"
        f"time taken: {summary.elapsed:.1f}s\n"
        f"database: {summary.db_path.resolve()}"
        + (f"\nstill queued: {summary.queued_left} (run again to continue)" if summary.queued_left else "")
        + (f"\nstopped early: {summary.stopped_early} reached" if summary.stopped_early else "")
        + (f"\nfailures by kind: {errors}" if errors else "")
        + "".join(f"\nWARC: {path.resolve()}" for path in summary.warc_files)
        + (f"\nexit status {summary.exit_code} ({summary.status})" if summary.exit_code else ""),
        err=err,
    )


@cli.command()
@click.argument("seeds", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sites file (TOML): seeds, sitemaps, feeds, patterns and politeness per site.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="SQLite file to write (created if missing) [default: news.db].")
@click.option("--max-pages", type=int, default=None, help="Pages to fetch in this run [default: 10000].")
@click.option("--max-runtime", type=float, default=None,
              help="Seconds; stop taking new pages after this and finish cleanly.")
@click.option("--max-depth", type=int, default=None,
              help="Follow links at most this many hops from a seed [default: no limit].")
@click.option("--same-site/--all-sites", default=None, help="Follow links only to the seeds' sites [default: same].")
@click.option("--delay", type=float, default=None, help="Seconds between requests to one host [default: 0].")
@click.option("--workers", type=int, default=None, help="Fetches in flight at once [default: 4].")
@click.option("--max-error-ratio", type=float, default=None,
              help="Exit 1 when more than this share of pages failed [default: 0.5].")
@click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (only for your own sites).")
@click.option("--log-json", is_flag=True, help="One JSON object per event on stderr, instead of text.")
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: only on a terminal].")
@click.option("--shard", default=None, metavar="K/N",
              help="Crawl only the sites of --config in shard K of N (a stable hash of each site's name): "
                   "N machines split one sites file, each into its own database; `merge` joins them.")
@click.option("--warc", "warc_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write every response fetched as WARC request+response records into DIR "
                   "(one rotating .warc.gz per run; `ingest` reads it back).")
@click.option("--processes", type=int, default=None,
              help="Extract pages in this many worker processes while fetching goes on (the database is "
                   "still written by this one) [default: 1, in this process].")
def crawl(seeds: tuple[str, ...], config_path: Path | None, db_path: Path | None, max_pages: int | None,
          max_runtime: float | None, max_depth: int | None, same_site: bool | None, delay: float | None,
          workers: int | None, max_error_ratio: float | None, ignore_robots: bool, log_json: bool,
          progress: bool | None, shard: str | None, warc_dir: Path | None, processes: int | None) -> None:
    """Fetch SEEDS (and the sites of --config), follow links breadth first, store pages, articles, figures.

    Re-running on the same database continues where the last run stopped and never
    duplicates an article. A second run on a database in use exits 75 at once.
    """
    from pipeline.crawl import crawl as run_crawl

    if not seeds and config_path is None:
        raise click.UsageError("give SEED URLs or --config sites.toml")
    if log_json:
        _setup_json_logging()
    if shard is not None and config_path is None:
        raise click.UsageError("--shard splits the sites of a sites file: give --config sites.toml")
    base = _guard(lambda: Config.from_toml(config_path)) if config_path else Config()
    shard_pair = _guard(lambda: parse_shard(shard)) if shard is not None else None
    config = _config(base, db_path=db_path, max_pages=max_pages, max_runtime=max_runtime, max_depth=max_depth,
                     same_site=same_site, delay=delay, workers=workers, max_error_ratio=max_error_ratio,
                     obey_robots=False if ignore_robots else None, shard=shard_pair,
                     warc_dir=warc_dir, processes=processes)
    signal.signal(signal.SIGTERM, _on_sigterm)  # a timeout or shutdown ends the run like Ctrl-C does
    show_progress = progress if progress is not None else (sys.stderr.isatty() and not log_json)
    summary = _guard(lambda: _with_progress(show_progress, log_json,
                                            lambda on_page: run_crawl(config, list(seeds), on_page=on_page)))
    quiet = click.get_current_context().find_root().params.get("quiet", False)
    if not quiet:
        _print_summary(summary)
    elif summary.exit_code:  # cron mails what a job prints: only when something is wrong
        _print_summary(summary, err=True)
    sys.exit(summary.exit_code)


def _with_progress(show: bool, log_json: bool, run):
    """Run the crawl with a rich progress bar on a terminal, JSON events, or nothing."""
    log = logging.getLogger("pipeline.events")
    if not show:
        return run((lambda url, outcome: log.info("page", extra={"url": url, "outcome": outcome})) if log_json else None)
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} pages"),
                  TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("crawling", total=None)

        def on_page(url: str, outcome: str) -> None:
            bar.update(task, advance=1, description=f"{outcome:<16} {url[-60:]}")

        return run(on_page)


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname.lower(),
                 "logger": record.name, "message": record.getMessage()}
        for key in ("url", "outcome"):
            if hasattr(record, key):
                event[key] = getattr(record, key)
        return json.dumps(event, ensure_ascii=False)


def _setup_json_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter())
    handler.addFilter(lambda record: record.name.startswith("pipeline") or record.levelno >= logging.CRITICAL)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    logging.getLogger("pipeline").setLevel(logging.INFO)


def _config(base: Config | None = None, **flags) -> Config:
    try:
        return (base or Config()).with_overrides(**flags)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)


def _on_sigterm(signum, frame) -> None:
    # a second SIGTERM (systemd and timeout send more) must not cut short recording the run as interrupted
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated()


def _guard(func):
    """Run func, turning our errors into one-line messages and exit statuses."""
    try:
        return func()
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)
    except (LockHeld, DatabaseBusy) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except DiskFull as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_IOERR)
    except PipelineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        raise
    except (sqlite3.Error, OSError) as exc:
        translated = storage_error(exc, "storage")
        if translated is None:
            _internal(exc)
        click.echo(f"error: {translated}", err=True)
        sys.exit(EXIT_IOERR if isinstance(translated, DiskFull) else
                 EXIT_LOCKED if isinstance(translated, DatabaseBusy) else 1)
    except Exception as exc:  # the boundary: report, with the trace only under -vv
        _internal(exc)


def _internal(exc: BaseException) -> NoReturn:
    """A bug: one line, exit 70, and the trace under -vv."""
    logging.getLogger("pipeline").debug("internal error", exc_info=exc)
    click.echo(f"internal error: {type(exc).__name__}: {exc} (run with -vv for the trace)", err=True)
    sys.exit(EXIT_INTERNAL)


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("demo.db"),
              show_default=True, help="SQLite file to write.")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Folder to serve [default: the bundled fixtures/site].")
def demo(db_path: Path, site_dir: Path | None) -> None:
    """Serve the offline demo site on 127.0.0.1 and crawl it into a SQLite file. No network needed."""
    from pipeline.crawl import crawl as run_crawl
    from pipeline.serve import DEFAULT_SITE, serve_directory

    # A fixed port keeps article URLs stable, so a second demo run updates instead of adding.
    with serve_directory(site_dir or DEFAULT_SITE, port=DEMO_PORT) as base_url:
        click.echo(f"serving {site_dir or DEFAULT_SITE} at {base_url}")
        config = _config(db_path=db_path, delay=0.0)
        summary = _guard(lambda: run_crawl(config, [base_url]))
    _print_summary(summary)
    click.echo(
        "\ntry:\n"
        f"  sqlite3 {db_path} \"SELECT a.title, f.text, f.value, f.currency, f.metric FROM figures f "
        "JOIN articles a ON a.id = f.article_id WHERE f.kind = 'money' ORDER BY f.value DESC LIMIT 10\""
    )
    sys.exit(summary.exit_code)


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input, in input order.")
@click.option("--no-figures", is_flag=True, help="Skip figure extraction.")
def extract_cmd(inputs: tuple[str, ...], as_json: bool, no_figures: bool) -> None:
    """Extract saved HTML files (any encoding) or URLs, without a database."""
    from pipeline.oneshot import extract_source

    failed = 0
    client = None
    try:
        for item in inputs:
            result, client = extract_source(item, client, figures=not no_figures)
            if result.get("error"):
                failed += 1
                click.echo(f"error: {item}: {result['error']}", err=True)
            if as_json:
                click.echo(json.dumps(result, ensure_ascii=False))
            elif not result.get("error"):
                _print_article(result)
    finally:
        if client is not None:
            client.close()
    sys.exit(1 if failed == len(inputs) else 0)


def _print_article(result: dict) -> None:
    click.echo(f"# {result.get('title')}")
    click.echo(f"url: {result.get('url')}\nauthor: {result.get('author')}\npublished: {result.get('published')}"
               f"\nlang: {result.get('lang')}\ncategories: {', '.join(result.get('categories') or [])}\n")
    click.echo(result.get("text") or "")
    if result.get("figures"):
        click.echo("")
        _print_figures_table(result["figures"])


def _print_figures_table(figures: list[dict]) -> None:
    for f in figures:
        amount = f["value"] if f["value"] is not None else f"{f['low']}–{f['high']}"
        click.echo(f"{f['kind']:<8} {f['text']:<24} {amount!s:<22} {f.get('currency') or f.get('unit') or '%':<5} "
                   f"{f.get('approx') or '':<9} {f.get('metric') or ''}")


@cli.command()
@click.option("--jsonl", is_flag=True, help="stdin: one JSON string per line; stdout: one JSON list per line.")
def figures(jsonl: bool) -> None:
    """Find money and percent figures in text on stdin, with what each measures."""
    from pipeline.figures import extract_figures

    if jsonl:
        for line in sys.stdin:
            try:
                text = json.loads(line)
                # the contract of ../shared/figures/CONVENTIONS.md, with its context fields
                found = [{**f.as_contract(), "metric": f.metric, "direction": f.direction, "subject": f.subject,
                          "period": f.period, "role": f.role}
                         for f in extract_figures(text if isinstance(text, str) else "")]
            except (json.JSONDecodeError, ValueError) as exc:
                click.echo(f"error: bad input line ({exc}); wrote []", err=True)
                found = []
            sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return
    text = sys.stdin.read()
    _print_figures_table([f.as_dict() for f in extract_figures(text)])


def _open(db_path: Path):
    from pipeline import store

    if not db_path.exists():
        click.echo(f"error: {db_path} does not exist; run a crawl first (python -m pipeline demo)", err=True)
        sys.exit(EXIT_CONFIG)
    readonly = not os.access(db_path, os.W_OK)  # a researcher's read-only copy is still searchable
    return _guard(lambda: store.open_db(db_path, readonly=readonly))


DB_OPTION = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                         default=Path("news.db"), show_default=True, help="The SQLite file.")


@cli.command("search", context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@DB_OPTION
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--site", default=None, help="Only this site (host without www.).")
@click.option("--lang", default=None, help="Only this language: zh-Hans, zh-Hant, en; zh for both Chinese.")
@click.option("--since", default=None, help="Published on or after this date (2026, 2026-01, 2026-01-29).")
@click.option("--until", default=None, help="Published before this date.")
def search_cmd(query: tuple[str, ...], db_path: Path, limit: int, site: str | None, lang: str | None,
               since: str | None, until: str | None) -> None:
    """Full-text search of articles (Chinese and English), best first, with a snippet.

    Every word of QUERY must occur; a word may start with '-' (search -5%)."""
    from pipeline.research import search

    db = _open(db_path)
    hits = _guard(lambda: search(db, " ".join(query), limit, site=site, lang=lang, since=since, until=until))
    for hit in hits:
        click.echo(f"{hit.published or '':<25} {hit.lang or '':<8} {hit.title}\n    {hit.url}\n    {hit.snippet}")
    if not hits:
        click.echo("no match")


@cli.command("reprocess")
@DB_OPTION
@click.option("--outdated-only", is_flag=True, help="Only articles extracted by another extractor version.")
@click.option("--figures-only", is_flag=True,
              help="Re-derive only the figures, from the stored article text (no HTML; fast).")
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True)
def reprocess_cmd(db_path: Path, outdated_only: bool, figures_only: bool, batch_size: int) -> None:
    """Re-extract articles and figures from the stored HTML with the current extractor (offline)."""
    from pipeline.research import reprocess

    db = _open(db_path)
    report = _guard(lambda: reprocess(db, batch_size, outdated_only, figures_only=figures_only))
    click.echo(f"articles reprocessed: {report.articles}\ntext changed: {report.text_changed}\n"
               f"figures: {report.figures_before} before, {report.figures_after} after\n"
               f"no longer an article (kept): {report.gone}\nfailed (kept): {report.failed}")
    for url in report.changed_urls[:20]:
        click.echo(f"  changed: {url}")


@cli.command("export")
@DB_OPTION
@click.option("--table", default="figures_in_context", show_default=True,
              help="articles, figures, figures_in_context, daily_figures, pages, runs, article_versions, columns_doc")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write [default: stdout; parquet needs a file].")
def export_cmd(db_path: Path, table: str, fmt: str, output: Path | None) -> None:
    """Export a table or view as CSV, JSON lines or Parquet (pip install -e '.[parquet]')."""
    from pipeline.research import export

    db = _open(db_path)
    count = _guard(lambda: export(db, table, fmt, output))
    if output:
        click.echo(f"{count} rows written to {output}", err=True)


@cli.command("stats")
@DB_OPTION
def stats_cmd(db_path: Path) -> None:
    """Articles per site, language and day; figures per kind and currency; the last runs and their errors."""
    from pipeline.research import stats

    s = stats(_open(db_path))
    click.echo(f"articles: {s['articles']}   figures: {s['figures']}")
    click.echo("\narticles by site and language:")
    for site, lang, n in s["articles_by_site_lang"]:
        click.echo(f"  {site:<30} {lang or '?':<8} {n}")
    click.echo("\narticles by day (last 14):")
    for day, n in s["articles_by_day"]:
        click.echo(f"  {day or 'unknown':<12} {n}")
    click.echo("\nfigures by kind and currency/unit:")
    for kind, cur, n in s["figures_by_kind_currency"]:
        click.echo(f"  {kind:<8} {cur:<6} {n}")
    click.echo("\nlast runs:")
    for run in s["runs"]:
        click.echo(f"  #{run[0]} {run[1]} -> {run[2] or '(running or crashed)'} {run[3]}: "
                   f"{run[4]} pages, {run[5]} failed, {run[6]} new articles, errors {run[7] or '{}'}")
    if s["errors"]:
        click.echo("\npage errors by kind: " + ", ".join(f"{k} {v}" for k, v in s["errors"].most_common()))


@cli.command("datasette-metadata")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("news.db"),
              show_default=True, help="The file Datasette will serve (its name keys the metadata).")
def datasette_metadata_cmd(db_path: Path) -> None:
    """Print Datasette metadata (descriptions, canned queries): datasette news.db -m metadata.json."""
    from pipeline.research import datasette_metadata

    click.echo(json.dumps(datasette_metadata(db_path.stem), ensure_ascii=False, indent=2))


@cli.command("ingest")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("news.db"),
              show_default=True, help="SQLite file to write (created if missing).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool here; dask: tasks on a Dask cluster (pip install -e '.[dask]').")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Worker processes (local pool or LocalCluster) [default: the cores].")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786) [default: a LocalCluster].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Sites file: keep only its sites (minus their exclude_patterns); article_patterns apply.")
@click.option("--shard-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dask: folder for shard files, shared by all workers [default: DB.shards].")
@click.option("--split-mb", type=click.FloatRange(min=0.01), default=None,
              help="Dask: files larger than this are split into tasks by byte range [default: 256].")
@click.option("--batch-records", type=click.IntRange(min=1), default=None,
              help="Local engine: records per batch and per transaction [default: 100].")
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: only on a terminal].")
def ingest_cmd(sources: tuple[str, ...], db_path: Path, engine: str, workers: int | None, scheduler: str | None,
               config_path: Path | None, shard_dir: Path | None, split_mb: float | None, batch_records: int | None,
               progress: bool | None) -> None:
    """Read WARC/ARC files or http(s) URLs of them (streamed) into the database, as a crawl stores pages.

    Keeps HTML responses (and HTML resource records); requests, metadata, revisits and
    non-HTML records are counted and skipped. Re-running skips the work already stored.
    """
    from pipeline.engines.ingest import IngestOptions, ingest

    config = _guard(lambda: Config.from_toml(config_path)) if config_path else Config()
    options = _guard(lambda: IngestOptions(engine=engine, workers=workers, scheduler=scheduler, shard_dir=shard_dir,
                                           split_bytes=int(split_mb * 1024 * 1024) if split_mb else None,
                                           batch_records=batch_records))
    signal.signal(signal.SIGTERM, _on_sigterm)
    show = progress if progress is not None else sys.stderr.isatty()
    summary = _guard(lambda: _ingest_with_progress(show, len(sources), lambda on_progress: ingest(
        db_path, list(sources), config, options, on_progress=on_progress)))
    quiet = click.get_current_context().find_root().params.get("quiet", False)
    if not quiet or summary.exit_code:
        _print_ingest_summary(summary, err=quiet)
    sys.exit(summary.exit_code)


def _ingest_with_progress(show: bool, files: int, run):
    if not show:
        return run(None)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[records]} records"),
                  TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task("ingesting", total=None, records=0)
        seen: dict[str, int] = {}

        def on_progress(source: str, tally) -> None:
            seen[source] = seen.get(source, 0) + tally.records
            bar.update(task, records=sum(seen.values()),
                       description=f"{len(seen)}/{files} files  {tally.articles_new:>4} new  {source[-40:]}")

        return run(on_progress)


def _print_ingest_summary(summary, err: bool = False) -> None:
    t = summary.tally
    skipped = ", ".join(f"{k} {n}" for k, n in t.skipped.most_common())
    errors = ", ".join(f"{k} {n}" for k, n in t.errors.most_common())
    click.echo(
        f"files: {t.files}   engine: {summary.engine} ({summary.workers} workers)\n"
        f"records read: {t.records}" + (f" ({t.already} more already stored by an earlier run)" if t.already else "")
        + f"\nHTML kept: {t.html}" + (f"\nskipped: {skipped}" if skipped else "")
        + f"\narticles: {t.articles_new} new, {t.articles_updated} updated, {t.articles_unchanged} unchanged or same text"
        f"\nfigures found: {t.figures}"
        + (f"\nerrors by kind: {errors}" if errors else "")
        + f"\ntime taken: {summary.elapsed:.1f}s ({summary.records_per_second:.1f} records/s)"
        f"\ndatabase: {Path(summary.db_path).resolve()}"
        + (f"\nexit status {summary.exit_code} ({summary.status})" if summary.exit_code else ""),
        err=err,
    )


@cli.command("merge")
@click.argument("shards", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--into", "db_path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The database to merge into (created if missing).")
def merge_cmd(shards: tuple[Path, ...], db_path: Path) -> None:
    """Merge shard databases (from ingest, or crawls on other machines) into one file.

    Rows are matched by canonical URL and content hash, ids remapped, runs kept; merging
    the same shard again changes nothing.
    """
    from pipeline.engines.ingest import merge

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        reports = _guard(lambda: merge(db_path, list(shards)))
    except KeyboardInterrupt as exc:
        click.echo("interrupted: the shard being merged was rolled back; run again to continue", err=True)
        sys.exit(143 if isinstance(exc, Terminated) else 130)
    for r in reports:
        if r.already_merged:
            click.echo(f"{r.shard}: already merged; nothing to do")
        else:
            click.echo(f"{r.shard}: {r.pages} pages, {r.articles_new} new articles, {r.articles_updated} updated,"
                       f" {r.articles_same} already there, {r.figures} figures, {r.runs} runs")
def _load_entities(db, path: Path) -> None:
    """Add a user's entities CSV to the database and re-derive every figure's entity with it."""
    from pipeline.store import use_user_entities

    count, changed = _guard(lambda: use_user_entities(db, path))
    what = "entities re-derived" if changed else "all already stored; nothing to re-derive"
    click.echo(f"{count} aliases from {path} stored in entity_aliases ({changed} new or changed); {what}", err=True)


@cli.command("entities")
@click.argument("csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@DB_OPTION
def entities_cmd(csv_file: Path, db_path: Path) -> None:
    """Add your own entity aliases (CSV: entity,kind,aliases with aliases joined by '|', or
    alias,entity,kind) and re-derive figures.entity for every stored article."""
    _load_entities(_open(db_path), csv_file)


@cli.command("report")
@DB_OPTION
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--since", default=None, help="Articles published on or after this date (2026, 2026-01, 2026-01-29).")
@click.option("--until", default=None, help="Articles published before this date.")
@click.option("--site", default=None, help="Only this site (host without www.).")
@click.option("--entities", "entities_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="Your own entities CSV, stored first (as the entities command does).")
@click.option("--progress/--no-progress", default=None, help="Progress bar [default: only on a terminal].")
def report_cmd(db_path: Path, out_path: Path, since: str | None, until: str | None, site: str | None,
               entities_file: Path | None, progress: bool | None) -> None:
    """Write one self-contained HTML report (charts inline, opens offline): crawl health, coverage,
    figures over time in USD, the biggest figures, entities, stories in several languages."""
    from rich.progress import Progress

    from pipeline.research.report import build_report
    from pipeline.research.report_data import STEPS, Filters

    db = _open(db_path)
    if entities_file:
        _load_entities(db, entities_file)
    show = sys.stderr.isatty() if progress is None else progress
    with Progress(disable=not show, transient=True) as bar:
        task = bar.add_task(f"reading {db_path.name}", total=len(STEPS) + 1)

        def on_step(name: str) -> None:
            bar.update(task, advance=1 if name != STEPS[0] else 0, description=name)

        size = _guard(lambda: build_report(db, out_path, Filters(since, until, site), on_step))
    click.echo(f"report written to {out_path} ({size / 1024:,.0f} kB)")


def main() -> None:
    try:
        cli()
    except BrokenPipeError:  # `pipeline export | head`: the reader left; that is not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
