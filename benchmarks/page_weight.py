"""What a reader's browser transfers and waits for: a page's first view, then a first and a later search.

Measured in headless Chromium (Debian's, as the browser tests use) against a local server that
sends files as GitHub Pages does: text types (HTML, CSS, JS, JSON, SVG, XML) gzip-compressed
(level 6), everything else as stored (Pagefind's index files are compressed by Pagefind itself).
The server counts the body bytes it sends for each request, so worker requests count too; headers
are not counted. Each measurement starts from an empty cache (a fresh browser context).

- first view: everything requested from the page load until the network is quiet (1 s) and, on a
  site whose search fetches its index as the page loads (Material's lunr: `search/search_index.json`),
  that index has been fetched: on a busy machine its worker can start after a second of quiet;
- first search: from the click into the search field, the query typed as a person types it
  (0.1 s per key), until the network is quiet; its time is from the last keystroke to the last time
  result items were put on screen (the results of the whole query);
- later search: a second query in the same page, the same way.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import mimetypes
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"  # Debian's package, as in tests/conftest.py
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"]
PREFIX = "/site/"  # served under a path, as a GitHub Pages project site is
LOADED_INDEX = "search_index.json"  # Material's lunr index, fetched as a page loads (the reference's)
COMPRESSED = re.compile(r"^(text/|application/(javascript|json|xml)|image/svg\+xml)")
CATEGORIES = ("HTML", "CSS", "JS", "search code", "search index", "search results", "fonts", "other")
TYPE_DELAY_MS = 100
# Set up before the page's scripts: when keys go down, when result items appear.
PROBE = """
window.__bench = {keys: [], results: []};
document.addEventListener("keydown", () => __bench.keys.push(performance.now()), true);
document.addEventListener("DOMContentLoaded", () => {
  const list = document.querySelector(".md-search-result__list");
  if (list) new MutationObserver(records => {
    if (records.some(r => [...r.addedNodes].some(n => n.nodeName === "LI"))) __bench.results.push(performance.now());
  }).observe(list, {childList: true});
});
"""


def category(path: str) -> str:
    """What a request is, by its path."""
    if re.search(r"/search/search_index\.json$|pagefind-entry\.json|\.pf_meta$|\.pf_index$|\.pf_filter$", path):
        return "search index"
    if path.endswith(".pf_fragment"):
        return "search results"
    if re.search(r"/pagefind/[^/]+/(pagefind(-worker)?\.js|wasm\.[^/]+\.pagefind)$|/workers/search\.|/lunr/", path):
        return "search code"
    if re.search(r"\.(woff2?|ttf|otf|eot)$", path):
        return "fonts"
    for name, pattern in (("HTML", r"(/|\.html)$"), ("CSS", r"\.css$"), ("JS", r"\.m?js$")):
        if re.search(pattern, path):
            return name
    return "other"


@dataclass
class Transfer:
    """The requests of one step, as the server sent them: (path, body bytes)."""

    requests: list[tuple[str, int]] = field(default_factory=list)

    def bytes(self, name: str | None = None) -> int:
        return sum(size for path, size in self.requests if name is None or category(path) == name)

    def search_languages(self, site: Path) -> list[str]:
        """The languages of the search data fetched: Pagefind bundles' folders, lunr indexes' config."""
        languages = set()
        for path, _ in self.requests:
            bundle = re.search(r"/pagefind/([^/]+)/", path)
            if bundle:
                languages.add(bundle.group(1))
            elif path.endswith("/search/search_index.json"):
                index = json.loads((site / path.removeprefix(PREFIX)).read_text(encoding="utf-8"))
                languages.update(index["config"]["lang"])
        return sorted(languages)


@dataclass
class PageWeight:
    first_view: Transfer
    first_search: Transfer
    later_search: Transfer
    first_search_ms: float
    later_search_ms: float
    search_languages: list[str]  # of the search data fetched in the whole visit
    external: list[str]  # requests to any other host


class Recorder:
    """Every request, in the order it arrived, with the body bytes sent once it is answered."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, int]] = []
        self.open = 0  # requests not answered yet
        self.last = time.monotonic()
        self.lock = threading.Lock()

    def start(self, path: str) -> int:
        with self.lock:
            self.requests.append((path, 0))
            self.open += 1
            self.last = time.monotonic()
            return len(self.requests) - 1

    def finish(self, number: int, size: int) -> None:
        with self.lock:
            self.requests[number] = (self.requests[number][0], size)
            self.open -= 1
            self.last = time.monotonic()

    def since(self, mark: int) -> Transfer:
        with self.lock:
            return Transfer(list(self.requests[mark:]))

    def wait_for(self, name: str, timeout: float = 60) -> None:
        """Wait until a file called `name` has been requested."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if any(requested.endswith("/" + name) for requested, _ in self.requests):
                    return
            time.sleep(0.05)

    def settle(self, quiet: float = 1.0, timeout: float = 120) -> None:
        """Wait until every request is answered and none came for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while (self.open or time.monotonic() - self.last < quiet) and time.monotonic() < deadline:
            time.sleep(0.05)


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A built site under PREFIX, sent as GitHub Pages sends it, every body counted."""

    recorder: Recorder
    cache: dict

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.size = 0
        number = self.recorder.start(self.path.split("?", 1)[0])
        try:
            super().do_GET()
        finally:
            self.recorder.finish(number, self.size)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        file = Path(self.directory) / path.removeprefix(PREFIX)
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return None
            file = file / "index.html"
        if not path.startswith(PREFIX) or not file.is_file():
            self.send_error(404)
            return None
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = file.read_bytes()
        compress = COMPRESSED.match(kind) and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            key = (str(file), file.stat().st_mtime_ns)
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, compresslevel=6, mtime=0)
            body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.size = len(body)
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@contextmanager
def serve(site: Path):
    recorder = Recorder()
    handler = type("Handler", (PagesHandler,), {"recorder": recorder, "cache": {}})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}", recorder
    finally:
        server.shutdown()
        server.server_close()


def type_query(page, words: str) -> float:
    """Type `words` into the open search field (replacing what is there); the time in ms from the last
    keystroke to the last time result items appeared (-1: none appeared after it)."""
    page.keyboard.press("Control+A")
    page.keyboard.type(words, delay=TYPE_DELAY_MS)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        timing = page.evaluate("[__bench.keys.at(-1), __bench.results.at(-1) || -1]")
        if timing[1] > timing[0]:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # later renders of the same query (a slow answer to an earlier prefix) count too
    last_key, last_results = page.evaluate("[__bench.keys.at(-1), __bench.results.at(-1) || -1]")
    return last_results - last_key if last_results > last_key else -1.0


def measure(site: Path, page_path: str, first: str, later: str) -> PageWeight:
    """Load `page_path` of the built `site`, then search for `first`, then for `later`."""
    from playwright.sync_api import sync_playwright

    with serve(site) as (base, recorder), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        external = []
        context.on("request", lambda request: external.append(request.url)
                   if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        page = context.new_page()
        page.add_init_script(PROBE)
        page.goto(base + page_path, wait_until="load")
        recorder.settle()
        if next(site.rglob(LOADED_INDEX), None) is not None:
            recorder.wait_for(LOADED_INDEX)
            recorder.settle()
        first_view = recorder.since(0)
        mark = len(recorder.requests)
        page.locator("input.md-search__input").click()
        first_ms = type_query(page, first)
        recorder.settle()
        first_search = recorder.since(mark)
        mark = len(recorder.requests)
        later_ms = type_query(page, later)
        recorder.settle()
        later_search = recorder.since(mark)
        browser.close()
    languages = Transfer(first_view.requests + first_search.requests + later_search.requests).search_languages(site)
    return PageWeight(first_view, first_search, later_search, first_ms, later_ms, languages, external)
