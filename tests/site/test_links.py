"""Every internal link of the built site resolves: each href and src of every HTML file, relative or
/guide/-absolute (or an absolute URL under site_url, such as the hreflang alternates), points to a
file the site has, and each #anchor to an id on the target page."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import SUBPATH_SITE_URL

ROOT_PATH = urlsplit(SUBPATH_SITE_URL).path  # /guide/
ORIGIN = "http://site.invalid"  # stands for the site's host while resolving hrefs
SKIPPED_SCHEMES = ("mailto", "tel", "data", "javascript")
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


def page_url(site: Path, file: Path) -> str:
    """The URL the server gives an HTML file: a folder's index.html is the folder."""
    relative = file.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return ORIGIN + ROOT_PATH + relative


def target_file(site: Path, path: str) -> Path | None:
    """The file a URL path under /guide/ is served from, as GitHub Pages would; None if none."""
    if not path.startswith(ROOT_PATH):
        return None
    file = site / unquote(path[len(ROOT_PATH):])
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(site: Path) -> tuple[int, dict[str, list[str]]]:
    checked, broken = 0, defaultdict(list)
    for file in sorted(site.rglob("*.html")):
        here = page_url(site, file)
        for tag, url in scan(file).urls:
            if url.startswith(SUBPATH_SITE_URL):  # absolute, but ours: alternates, canonical
                url = ROOT_PATH + url[len(SUBPATH_SITE_URL):]
            parts = urlsplit(url)
            if parts.scheme in SKIPPED_SCHEMES or parts.scheme in ("http", "https") or url.startswith("//"):
                continue
            checked += 1
            resolved = urlsplit(urljoin(here, url))
            target = target_file(site, resolved.path)
            where = file.relative_to(site).as_posix()
            if target is None:
                broken[where].append(f"<{tag}> {url} -> {resolved.path}: no such file")
            elif resolved.fragment and target.suffix == ".html" and unquote(resolved.fragment) not in scan(target).ids:
                broken[where].append(f"<{tag}> {url} -> no id {unquote(resolved.fragment)!r} in {target.relative_to(site)}")
    return checked, broken


def test_every_internal_link_and_anchor_resolves(site):
    pages = list(site.site.rglob("*.html"))
    assert len(pages) > 100  # every language's pages, topic pages and 404s
    checked, broken = broken_links(site.site)
    assert checked > 10 * len(pages)
    report = "\n".join(f"{page}: {problem}" for page, problems in broken.items() for problem in problems)
    assert not broken, f"{sum(map(len, broken.values()))} broken link(s):\n{report}"


def test_the_crawler_sees_a_broken_file_and_a_broken_anchor(tmp_path):
    """The checker itself: a missing page and a missing anchor are reported, good links are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a><a href="../b/">ok</a><a href="/guide/a/#here">ok</a>'
        '<a href="../c/">missing</a><a href="../b/#nowhere">bad anchor</a>'
        f'<link rel="alternate" href="{SUBPATH_SITE_URL}b/"><a href="https://example.org/x">skipped</a>'
        '<a href="mailto:a@b.c">skipped</a><img src="data:image/png;base64,AAAA">',
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a name="top"></a><a href="../a/#here">ok</a>', encoding="utf-8")
    checked, broken = broken_links(tmp_path)
    assert checked == 7
    assert list(broken) == ["a/index.html"]
    assert [problem.split(" ")[1] for problem in broken["a/index.html"]] == ["../c/", "../b/#nowhere"]
