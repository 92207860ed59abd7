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


def record_requests(page, requests: list[str], blocked: list[str]) -> None:
    """Every request of `page` (its own, its workers') into `requests`; those the page's policy
    blocked (Chromium reports them, but they never reached the network) also into `blocked`."""
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: blocked.append(request.url) if request.failure == "csp" else None)


def assert_on_loopback(requests: list[str], blocked: list[str]) -> None:
    outside = [url for url in requests if leaves_loopback(url) and url not in blocked]
    assert not outside, f"requests that left 127.0.0.1: {outside}"


def open_context(browser, options: dict):
    context = browser.new_context(**{"viewport": DESKTOP, **options})
    context.set_default_timeout(20_000)
    return context


@pytest.fixture
def new_page(browser):
    """Make pages, each in a fresh browser context: for a test that looks at what a page fetches
    (nothing in the cache yet), or adds scripts or listeners of its own. Every request of each is
    recorded, and at the end of the test none may have gone to a host other than 127.0.0.1."""
    contexts, requests, blocked = [], [], []

    def make(**options):
        contexts.append(open_context(browser, options))
        page = contexts[-1].new_page()
        record_requests(page, requests, blocked)
        return page

    yield make
    for context in contexts:
        context.close()
    assert_on_loopback(requests, blocked)


class PagePool:
    """Pages kept from test to test, one per set of context options (its viewport set per test). A new
    page costs Chromium a renderer process and a cold start of the site's scripts, about 0.5 s of CPU,
    most of what a test that reads one page costs; a page that goes on to the next URL costs a third
    of that. Handed out with the storage of its site cleared; what it fetched stays in its cache, so a
    test of what is fetched takes a `new_page`."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.pages: dict[str, object] = {}
        self.requests: list[str] = []
        self.blocked: list[str] = []

    def page(self, options: dict):
        viewport = options.get("viewport", DESKTOP)
        key = repr(sorted((name, value) for name, value in options.items() if name != "viewport"))
        page = self.pages.get(key)
        if page is None:
            page = self.pages[key] = open_context(self.browser, options).new_page()
            record_requests(page, self.requests, self.blocked)
        else:
            page.context.clear_cookies()
            page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear() } catch (error) {} }")
            page.set_viewport_size(viewport)
        return page

    def discard(self) -> None:
        """Close every page: after a failed test, whose page may be in any state."""
        for page in self.pages.values():
            page.context.close()
        self.pages.clear()


@pytest.fixture(scope="session")
def page_pool(browser):
    pool = PagePool(browser)
    yield pool
    pool.discard()


@pytest.fixture
def reader_page(page_pool, request):
    """Pages for a test that reads and uses a page as a reader does (accessibility, layout, search,
    clicks): kept from test to test (PagePool), with the same check as `new_page` that no request of
    the test left 127.0.0.1."""
    failed_before = request.session.testsfailed
    page_pool.requests.clear()
    page_pool.blocked.clear()
    yield lambda **options: page_pool.page(options)
    if request.session.testsfailed > failed_before:
        page_pool.discard()
    assert_on_loopback(page_pool.requests, page_pool.blocked)


def document_language(page) -> str:
    return page.evaluate("document.documentElement.lang")


def overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and \
        a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
