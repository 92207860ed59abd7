"""Shared fixtures: the real site built once per session, small throwaway projects for bad input, and
the site served under /guide/ to Debian's Chromium (test_browser.py, test_search_browser.py).

Builds run `mkdocs build` in a subprocess, exactly as a maintainer would, into temp dirs.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import get_yaml_loader
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SUBPATH_SITE_URL = "https://example.github.io/guide/"
MKDOCS = [sys.executable, "-m", "mkdocs"]
sys.path.insert(0, str(ROOT / "hooks"))


@dataclass
class Build:
    """The result of one `mkdocs build`: exit code, output, and where the site went."""

    returncode: int
    output: str
    site: Path

    def html(self, path: str) -> BeautifulSoup:
        """Parse the page at a site path such as `fr/about/` or `404.html`."""
        file = self.site / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


def run_build(project: Path, site: Path, *args: str, site_url: str = SUBPATH_SITE_URL) -> Build:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [*MKDOCS, "build", "-d", str(site), *args], cwd=project, env=env,
        capture_output=True, text=True, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once with --strict under a sub-path site_url (a project site)."""
    build = run_build(ROOT, tmp_path_factory.mktemp("real") / "site", "--strict")
    assert build.returncode == 0, build.output
    return build


def indexed_pages(site: Path, code: str) -> list[dict]:
    """The pages in a language's search index (Pagefind's fragments: url, content, meta, filters)."""
    pages = []
    for fragment in sorted((site / "pagefind" / code / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        pages.append(json.loads(data[len(b"pagefind_dcd"):]))
    return pages


def index_languages(site: Path, code: str) -> dict:
    """The languages of a language's search index, as Pagefind names them: {"fr": {"page_count": ...}}."""
    return json.loads((site / "pagefind" / code / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]


def load_config_data() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        return yaml.load(file, Loader=get_yaml_loader())


class Project:
    """A small copy of the project (hooks, overrides, data, config) with pages of our choosing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for folder in ("hooks", "overrides", "data"):
            shutil.copytree(ROOT / folder, path / folder, ignore=shutil.ignore_patterns("__pycache__"))
        self.config = load_config_data()
        self.config["nav"] = ["index.md", "chapter.md", "getting-help.md", "tags/index.md"]
        self.config["site_url"] = SUBPATH_SITE_URL
        # Three languages (one right-to-left) keep these builds quick.
        self.config["extra"]["languages"] = [
            entry for entry in self.config["extra"]["languages"] if entry["code"] in ("en", "fr", "ar")
        ]
        from translation_status import source_hash

        home = page("Home", tags=[])
        self.write("docs/en/index.md", home)
        self.write("docs/fr/index.md", page("Accueil", tags=[], source_hash=source_hash(home), reviewed=True))
        self.write("docs/en/chapter.md", page("A chapter", tags=["trust", "betrayal"], body="Some words about trust.\n"))
        self.write("docs/en/getting-help.md", page("Getting help", tags=[], body="<!-- insert: helplines -->\n"))

    def write(self, relative: str, text: str | bytes) -> Path:
        file = self.path / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return file

    def build(self, *args: str) -> Build:
        with open(self.path / "mkdocs.yml", "w", encoding="utf-8") as file:
            yaml.safe_dump(self.config, file, allow_unicode=True, sort_keys=False)
        return run_build(self.path, self.path / "site", *args, site_url=self.config["site_url"])


def page(title: str, description: str = "A page.", tags: list[str] | None = None, body: str = "Text.\n", **meta) -> str:
    front = {"title": title, "description": description, "tags": tags or [], **meta}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


PREFIX = "/guide/"  # the site's path, as in SUBPATH_SITE_URL
CHROMIUM = "/usr/bin/chromium"  # Debian's package (scripts/test.sh installs it); no browser downloads
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu",
    "--disable-quic", "--no-first-run", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}


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
    contexts, requests = [], []

    def make(**options):
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        return page

    yield make
    for context in contexts:
        context.close()
    outside = [url for url in requests if leaves_loopback(url)]
    assert not outside, f"requests that left 127.0.0.1: {outside}"
