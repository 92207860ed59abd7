"""A link crawler for built sites: every href and src of every HTML file, relative, root-absolute or
an absolute URL under the site's address (hreflang alternates, canonical links), points to a file
the site has, and each #anchor to an id on the target page."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ORIGIN = "http://site.invalid"  # stands for the site's host while resolving hrefs
SKIPPED_SCHEMES = ("mailto", "tel", "sms", "data", "javascript")
URL_ATTRIBUTES = {"href", "src"}


class PageScan(HTMLParser):
    """The URLs (href, src) and the anchor targets (id, a name) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in URL_ATTRIBUTES:
                self.urls.append((tag, value))
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


@cache
def scan(file: Path) -> PageScan:
    parser = PageScan()
    parser.feed(file.read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_url(site: Path, file: Path, root_path: str) -> str:
    """The URL the server gives an HTML file: a folder's index.html is the folder."""
    relative = file.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return ORIGIN + root_path + relative


def target_file(site: Path, path: str, root_path: str) -> Path | None:
    """The file a URL path under the site's root path is served from, as GitHub Pages would."""
    if not path.startswith(root_path):
        return None
    file = site / unquote(path[len(root_path):])
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(site: Path, site_url: str) -> tuple[int, dict[str, list[str]]]:
    """How many links of the built `site` (served at `site_url`) were checked, and the broken ones."""
    root_path = urlsplit(site_url).path or "/"
    checked, broken = 0, defaultdict(list)
    for file in sorted(site.rglob("*.html")):
        here = page_url(site, file, root_path)
        for tag, url in scan(file).urls:
            if url.startswith(site_url):  # absolute, but ours: alternates, canonical
                url = root_path + url[len(site_url):]
            parts = urlsplit(url)
            if parts.scheme in SKIPPED_SCHEMES or parts.scheme in ("http", "https") or url.startswith("//"):
                continue
            checked += 1
            resolved = urlsplit(urljoin(here, url))
            target = target_file(site, resolved.path, root_path)
            where = file.relative_to(site).as_posix()
            if target is None:
                broken[where].append(f"<{tag}> {url} -> {resolved.path}: no such file")
            elif resolved.fragment and target.suffix == ".html" and unquote(resolved.fragment) not in scan(target).ids:
                broken[where].append(f"<{tag}> {url} -> no id {unquote(resolved.fragment)!r} in {target.relative_to(site)}")
    return checked, broken
