"""Sitemaps with `xhtml:link` alternates, so search engines see every language version of a page."""

from __future__ import annotations

import functools
import gzip
import os
from xml.sax.saxutils import quoteattr, escape

from .languages import Language
from .urls import Alternate, absolute_url, alternates, site_path

THEME_TEMPLATE = "sitemap.xml"  # the theme's own sitemap (no alternates), which ours replaces
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def alternate_links(links: list[Alternate]) -> str:
    """A page's `xhtml:link` alternates, the same in the entry of each of its language versions."""
    return "".join(f'    <xhtml:link rel="alternate" hreflang={quoteattr(link.hreflang)} href={quoteattr(link.href)}/>\n'
                   for link in links)


def url_entry(loc: str, links: str) -> str:
    """One `<url>`: its address and its alternates (`alternate_links`)."""
    return f"  <url>\n    <loc>{escape(loc)}</loc>\n{links}  </url>\n"


def render_sitemap(
    languages: tuple[Language, ...], included: tuple[Language, ...], site_url: str, page_urls: list[str]
) -> str:
    """A sitemap of `page_urls` in each language of `included`, each URL with all its alternates."""
    return rendered_sitemap(tuple(languages), tuple(included), site_url, tuple(sorted(set(page_urls))))


@functools.lru_cache(maxsize=2)  # `mkdocs serve` rebuilds: the same pages, a tenth of a second at 12,000 URLs
def rendered_sitemap(languages: tuple[Language, ...], included: tuple[Language, ...], site_url: str,
                     page_urls: tuple[str, ...]) -> str:
    default = languages[0]
    body = []
    for page_url in page_urls:
        links = alternate_links(alternates(languages, site_url, page_url))  # written once for every language's entry
        for language in included:
            body.append(url_entry(absolute_url(site_url, site_path(language, default, page_url)), links))
    return HEADER + "".join(body) + "</urlset>\n"


def write_sitemap(site_dir: str, xml: str, spare_output: str | None = None) -> None:
    """Write `sitemap.xml` and its gzipped copy (reproducible: no timestamp in the gzip header); from
    `spare_output`, a previous output nothing reads any more (`builds.plan.Plan`), move back the
    files this process wrote there for the same sitemap instead (megabytes at a thousand pages)."""
    for name, content in (("sitemap.xml", xml.encode), ("sitemap.xml.gz", lambda: gzipped(xml))):
        path = os.path.join(site_dir, name)
        if spare_output is None or not move_written(os.path.join(spare_output, name), path, xml):
            with open(path, "wb") as file:
                file.write(content())
            stat = os.stat(path)
            _WRITTEN[name] = (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size, xml)


def move_written(previous: str, path: str, xml: str) -> bool:
    """Move `previous` to `path` if it is the file this process last wrote under its name, for `xml`."""
    try:
        stat = os.stat(previous)
        if _WRITTEN.get(os.path.basename(path)) != (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size, xml):
            return False
        os.rename(previous, path)
    except OSError:
        return False
    return True


# name -> the file last written under it: (device, inode, modification time in ns, size, sitemap)
_WRITTEN: dict[str, tuple[int, int, int, int, str]] = {}


@functools.lru_cache(maxsize=2)  # `mkdocs serve` rebuilds: the same sitemap, megabytes at a thousand pages
def gzipped(xml: str) -> bytes:
    return gzip.compress(xml.encode("utf-8"), compresslevel=6, mtime=0)
