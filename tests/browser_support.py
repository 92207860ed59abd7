"""Browser fixtures and helpers, loaded by tests/conftest.py as a pytest plugin: Debian's Chromium
driven by Playwright, and built sites served on 127.0.0.1 under /guide/ as GitHub Pages serves a
project site. Every request of every page the tests load is recorded; none may leave 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

from conftest import ROOT, load_config_data
from multilingual.languages import find_language, load_languages

LANGUAGES = load_languages(load_config_data()["extra"]["languages"])
PREFIX = "/guide/"  # the site's path, as in conftest's SUBPATH_SITE_URL
CHAPTER = "recovering-trust/"
CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test.sh installs it); no browser downloads
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu",
    "--disable-quic", "--no-first-run", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = ROOT / "test-artifacts"


def prefix(code: str) -> str:
    return "" if code == LANGUAGES[0].code else f"{code}/"


def hreflang(code: str) -> str:
    return find_language(LANGUAGES, code).hreflang


# --- serving the site -----------------------------------------------------------------------------

class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A built site under /guide/, as GitHub Pages serves a project site: a folder without its
    trailing slash redirects, and a missing path gets the root 404.html with status 404."""

    def log_message(self, format, *args):  # keep pytest's output quiet
        pass

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(PREFIX):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + url_path[len(PREFIX):])

    def send_head(self):
        file = Path(self.translate_path(self.path))
        if file.is_file() or (file.is_dir() and (file / "index.html").is_file()):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser closing a connection early (a broken pipe) is no error of the site


@contextmanager
def serve(root: Path):
    """Serve `root` on a free port of 127.0.0.1; yields the site's base URL (ending in /guide/)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base(site) -> str:
    """The session's site, served under /guide/."""
    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def leaves_loopback(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return False
    return parts.hostname != "127.0.0.1"


@pytest.fixture
def new_page(browser):
    """Make pages, each in a fresh browser context. Every request of each (its own, its workers')
    is recorded, and at the end of the test none may have gone to a host other than 127.0.0.1."""
    contexts, requests, blocked = [], [], []

    def make(**options):
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("requestfailed", lambda request: blocked.append(request.url)
                if request.failure == "csp" else None)
        return page

    yield make
    for context in contexts:
        context.close()
    # A request the page's policy blocked never reached the network (Chromium still reports it).
    outside = [url for url in requests if leaves_loopback(url) and url not in blocked]
    assert not outside, f"requests that left 127.0.0.1: {outside}"


def document_language(page) -> str:
    return page.evaluate("document.documentElement.lang")


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
