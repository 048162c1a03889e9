"""A small archive of fixture pages (articles, listings, the GBK page) and its reference database."""

from __future__ import annotations


import pytest

from tests.engines.archives import direct_database, fixture_pages, with_resource_copy, write_archive


def sample_pages() -> list[tuple[str, bytes]]:
    """The four article pages (one in GBK, one zh-Hant) and a few listing and menu pages, interleaved."""
    pages = fixture_pages()
    articles = [p for p in pages if "/2026/" in p[0]]
    others = [p for p in pages if "/2026/" not in p[0]][::8]
    mixed = []
    for i in range(max(len(articles), len(others))):
        mixed += others[i:i + 1] + articles[i:i + 1]
    return mixed


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> dict:
    """archive: the WARC (with every other record type and a truncated last record);
    reference: the same HTML through process_page + save_result directly."""
    folder = tmp_path_factory.mktemp("archive")
    pages = sample_pages()
    archive = write_archive(folder / "sample.warc.gz", pages, truncate_last=True)
    reference = direct_database(folder / "reference.db", with_resource_copy(pages))
    return {"pages": pages, "archive": archive, "reference": reference}
