"""A static file server on 127.0.0.1 for the offline demo site (and the tests).

Directory URLs serve index.html, and the fixture's placeholder origin (https://8v.demo)
is rewritten to the server's own address, so canonical links, the sitemap and the feed
point back at the running server.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACEHOLDER_ORIGIN = b"https://8v.demo"
DEFAULT_SITE = Path(__file__).resolve().parent.parent / "fixtures" / "site"


class _Handler(SimpleHTTPRequestHandler):
    origin: bytes = b""

    def log_message(self, format: str, *args) -> None:  # quiet: the demo prints its own summary
        pass

    def send_head(self):  # rewrite the placeholder origin in text responses
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if not Path(path).is_file() or not path.endswith((".html", ".xml", ".txt")):
            return super().send_head()
        body = Path(path).read_bytes().replace(PLACEHOLDER_ORIGIN, self.origin)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_directory(root: Path = DEFAULT_SITE, port: int = 0) -> Iterator[str]:
    """Serve `root` on 127.0.0.1; yields the base URL, e.g. http://127.0.0.1:PORT/.

    `port` 0 takes a free port; a busy preferred port falls back to a free one.
    """
    if not root.is_dir():
        raise FileNotFoundError(f"{root} is not a directory; pass the fixture site folder")
    handler_cls: type[_Handler] = type("SiteHandler", (_Handler,), {})  # one class per server: its own origin
    handler = functools.partial(handler_cls, directory=str(root))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    handler_cls.origin = origin.encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin + "/"
    finally:
        server.shutdown()
        server.server_close()
