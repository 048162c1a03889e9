"""The report: one self-contained HTML file, opened for real in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

from pipeline import store
from pipeline.research.report import build_report
from pipeline.research.report_data import Filters, collect

from .conftest import ROOT, run_cli

CHROMIUM_OWN = re.compile(r"^(GET|POST|CONNECT) (http://)?[\w.-]*\b(google\.com|googleapis\.com|gvt1\.com|"
                          r"gstatic\.com)(:\d+)?[/ ]")
PALETTE_BLUE = (0x1F, 0x77, 0xB4)  # report.PALETTE[0]: the first series of every chart


@pytest.fixture(scope="module")
def report_file(site_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_cli("report", "--db", str(site_db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"report written to {out}" in result.stdout
    return out


def test_report_is_self_contained_and_small(report_file):
    page = report_file.read_text(encoding="utf-8")
    assert report_file.stat().st_size < 5 * 1024 * 1024
    assert page.count('<svg class="chart"') == 4  # runs, articles per day, USD by metric, entities
    # nothing that a browser would fetch: no script, stylesheet, image, frame, font or CSS url()
    assert not re.search(r"<(script|link|img|iframe|object|embed|source|video|audio)\b", page, re.I)
    assert not re.search(r"\bsrc\s*=|url\((?!#)|@import", page, re.I)  # url(#clip) is inside the file
    assert "xlink:href=\"http" not in page
    assert "default-src 'none'" in page  # and the page forbids itself any request


def test_report_lists_the_story_once_and_its_editions(site_db):
    data = collect(store.open_db(site_db, readonly=True), Filters())
    stories = [s for s in data.stories if s[1] == 3]
    assert len(stories) == 1 and set(stories[0][2].split(",")) == {"zh-Hans", "zh-Hant", "en"}
    capex = [row for row in data.biggest if row[0] == 135000000000]
    assert len(capex) == 1 and capex[0][-1] == 3  # one row, given by three editions
    assert capex[0][4] == "Meta"


def test_report_filters_by_site_and_date(site_db, tmp_path):
    db = store.open_db(site_db, readonly=True)
    data = collect(db, Filters(since="2026-01-28", until="2026-01-29"))
    assert data.totals["articles"] == 1 and {row[1] for row in data.coverage} == {"zh-Hant"}
    assert collect(db, Filters(site="nowhere.example")).totals["articles"] == 0
    size = build_report(db, tmp_path / "empty.html", Filters(site="nowhere.example"))
    assert size > 0 and "No dated articles" in (tmp_path / "empty.html").read_text(encoding="utf-8")


class _Recorder:
    """A TCP listener on 127.0.0.1 that Chromium is told to use as its proxy for everything:
    any request the page makes arrives here and is recorded (and answered with nothing)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.requests.append(conn.recv(200) or b"(connected)")
                except OSError:
                    self.requests.append(b"(connected)")

    def close(self) -> None:
        self._stop.set()
        self.thread.join(2)
        self.sock.close()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _artefacts() -> Path:
    """Where the screenshot is kept: $TEST_ARTIFACTS, else test-artifacts/ in the project."""
    path = Path(os.environ.get("TEST_ARTIFACTS") or ROOT / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_report_draws_in_headless_chromium_without_any_request(report_file, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: .ci/install-chromium installs it")
        pytest.skip("chromium not installed (bash .ci/install-chromium)")
    recorder = _Recorder()
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", "--safebrowsing-disable-auto-update",
             "--metrics-recording-only", f"--user-data-dir={tmp_path / 'profile'}",
             f"--proxy-server=http://127.0.0.1:{recorder.port}", "--proxy-bypass-list=<-loopback>",
             "--window-size=1200,2400", "--virtual-time-budget=3000"]
    url = report_file.resolve().as_uri()
    try:
        dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
        shot = tmp_path / "report.png"
        snap = subprocess.run([*flags, f"--screenshot={shot}", url], capture_output=True, text=True, timeout=120)
    finally:
        recorder.close()
    assert dom.returncode == 0 and snap.returncode == 0, dom.stderr[-2000:] + snap.stderr[-2000:]
    # Chromium asks its own services (clock, updates) for itself even with background networking
    # off; those reach only this recorder. Everything else would have come from the page.
    from_page = [r for r in recorder.requests if not CHROMIUM_OWN.search(r.decode("latin-1"))]
    assert from_page == []  # the page asked no server for anything
    charts = re.findall(r'<svg class="chart".*?</svg>', dom.stdout, re.S)
    assert len(charts) == 4 and all(chart.count("<path") >= 5 for chart in charts)
    kept = _artefacts() / "report.png"
    shutil.copyfile(shot, kept)
    from PIL import Image

    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
        blue = sum(n for n, rgb in colours if all(abs(a - b) < 12 for a, b in zip(rgb, PALETTE_BLUE, strict=True)))
    assert blue > 2000, f"the charts' bars were not painted (see {kept})"
