"""Extraction without a database: one saved HTML file or URL in, one JSON-ready dict out.

What `python -m pipeline extract FILE_OR_URL... --json` prints, a line per input, errors in
an `error` field so a batch keeps going. A file is read into a Page and goes through
process_page exactly as a fetched page does.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from pipeline.config import Config
from pipeline.fetch import fetch, make_client
from pipeline.models import Page
from pipeline.page import PageOptions, process_page
from pipeline.urls import host_key

ARTICLE_FIELDS = ("url", "title", "author", "published", "date_source", "lang", "categories", "tags",
                  "site_name", "description", "is_article", "page_kind", "kind_signal", "text", "figures")


def extract_source(source: str, client: httpx.Client | None, config: Config | None = None,
                   figures: bool = True) -> tuple[dict, httpx.Client | None]:
    """Extract one saved HTML file or URL into a JSON-ready dict; errors go in its `error` field.

    Returns the dict and the HTTP client (created on the first URL, reused for the next).
    """
    config = config or Config()
    empty: dict = {k: None for k in ARTICLE_FIELDS}
    empty.update(input=source, error=None)
    if source.startswith(("http://", "https://")):
        client = client or make_client(config, hosts=[host_key(source)])  # the host the user named
        page = fetch(client, source, config)
    else:
        path = Path(source)
        try:
            body = path.read_bytes()
        except OSError as exc:
            return {**empty, "error": f"cannot read file: {exc.strerror or exc}"}, client
        url = path.resolve().as_uri()
        page = Page(url=url, final_url=url, status=200, content_type=None, fetched_at="", body=body)
    options = PageOptions(want_links=False, figures=figures, require_article=False, keep_raw=False)
    result = process_page(page, options=options)
    if result.error:
        return {**empty, "url": page.final_url, "error": result.error}, client
    if result.article is None:
        return {**empty, "url": page.final_url, "error": "no article text found on the page"}, client
    article = result.article
    out = {**empty, **{k: getattr(article, k) for k in ARTICLE_FIELDS if k != "figures"}}
    out["categories"] = list(article.categories)
    out["tags"] = list(article.tags)
    out["page_kind"] = str(article.page_kind)
    out["figures"] = [f.as_dict() for f in result.figures]
    return out, client
