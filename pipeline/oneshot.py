"""Extraction without a database: one saved HTML file or URL in, one JSON-ready dict out.

What `python -m pipeline extract FILE_OR_URL... --json` prints, a line per input, errors in
an `error` field so a batch keeps going.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import httpx

from pipeline.config import Config
from pipeline.decode import decode_html
from pipeline.errors import ExtractError
from pipeline.extract import extract
from pipeline.fetch import fetch, make_client


ARTICLE_FIELDS = ("url", "title", "author", "published", "date_source", "lang", "categories", "tags",
                  "site_name", "description", "text", "figures")


def extract_source(source: str, client: httpx.Client | None, config: Config | None = None,
                   figures: bool = True) -> tuple[dict, httpx.Client | None]:
    """Extract one saved HTML file or URL into a JSON-ready dict; errors go in its `error` field.

    Returns the dict and the HTTP client (created on the first URL, reused for the next).
    """
    config = config or Config()
    empty: dict = {k: None for k in ARTICLE_FIELDS}
    empty.update(input=source, error=None)
    if source.startswith(("http://", "https://")):
        client = client or make_client(config)
        page = fetch(client, source, config)
        if not page.ok:
            return {**empty, "url": source, "error": page.error}, client
        if not page.is_html:
            return {**empty, "url": source, "error": f"not HTML ({page.content_type})"}, client
        body, content_type, url, fetched_at = page.body, page.content_type, page.final_url, page.fetched_at
    else:
        path = Path(source)
        try:
            body = path.read_bytes()
        except OSError as exc:
            return {**empty, "error": f"cannot read file: {exc.strerror or exc}"}, client
        content_type, url, fetched_at = None, path.resolve().as_uri(), None
    html, _ = decode_html(body, content_type)
    try:
        article = extract(html, url, fetched_at=datetime.fromisoformat(fetched_at) if fetched_at else None,
                          figures=figures, require_article=False)
    except ExtractError as exc:
        return {**empty, "url": url, "error": str(exc)}, client
    if article is None:
        return {**empty, "url": url, "error": "no article text found on the page"}, client
    result = {**empty, **{k: getattr(article, k) for k in ARTICLE_FIELDS if k != "figures"}}
    result["categories"] = list(article.categories)
    result["tags"] = list(article.tags)
    result["figures"] = [f.as_dict() for f in article.figures]
    return result, client
