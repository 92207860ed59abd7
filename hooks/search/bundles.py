"""Where each language's search bundle lives and which pages it is made of. Pure functions.

The bundles sit together under `<site>/pagefind/`, outside the language folders: `mkdocs serve`
swaps a rebuilt language folder in whole, and a bundle inside it would go with the old one.
A language's bundle indexes the pages of its folder (`fr/**`); the default language's, the pages at
the site root that are not in another language's folder.
"""

from __future__ import annotations

import os
import re

BUNDLE_DIR = "pagefind"  # <site>/pagefind/<code>/: one Pagefind bundle per language
# Left out of the indexed text: the blocks our hooks mark (notices, topic chips, reading time) and
# the heading permalinks' "¶". Pages not marked data-pagefind-body (untranslated pages, 404) are
# left out whole, as long as a language has one marked page (`has_marked_page`).
EXCLUDE_ATTRIBUTE = "data-search-exclude"
EXCLUDE_SELECTORS = f"[{EXCLUDE_ATTRIBUTE}], .headerlink"
BODY_MARKER = b"data-pagefind-body"
# Pagefind reads only the marked article, not the page around it: at 1,000 articles the navigation
# is 90 % of a page, and skipping it makes indexing three times faster. Filters go inside it.
ROOT_SELECTOR = "[data-pagefind-body]"
_GLOB_SPECIAL = re.compile(r"([\\{}\[\]*?<>,!])")


# The tag an element search leaves out opens with (`[data-search-exclude]`, a real tag: an escaped one
# in a code block has no `<`), and any opening or closing tag (to find where it closes).
_EXCLUDE_NAME = EXCLUDE_ATTRIBUTE.encode()
_EXCLUDED = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*?\s" + re.escape(_EXCLUDE_NAME) + rb"(?=[\s=/>])[^<>]*>")
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*>")
_VOID = {b"area", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"track", b"wbr"}


def without_excluded(html: bytes) -> bytes:
    """The page without the elements search leaves out (`EXCLUDE_SELECTORS`' `[data-search-exclude]`),
    so that two pages that differ only there (a translation's "out of date" notice, after an edit of
    its English page) are one page to search. The page as it is when one cannot be cut out exactly:
    inside a comment or script, never closed, or carrying Pagefind's own attributes (which it might
    still read). Keeping too much only costs a search run; cutting too much would keep a stale index."""
    parts, start = [], 0
    found = html.find(_EXCLUDE_NAME)
    while found != -1:
        opening = _EXCLUDED.match(html, html.rfind(b"<", start, found))
        if opening is None or opening.end() <= found:  # not in a tag: text
            return html
        end = _element_end(html, opening)
        if end is None or _in_raw_text(html, opening.start()) or b"data-pagefind" in html[opening.start():end]:
            return html
        # with the white space before it, which a template prints with the element
        parts.append(html[start:opening.start()].rstrip())
        start = end
        found = html.find(_EXCLUDE_NAME, start)
    return b"".join(parts) + html[start:] if parts else html


def _element_end(html: bytes, opening: re.Match) -> int | None:
    """Where the element that `opening` opens ends (after its closing tag), or None if it is not closed."""
    name = opening.group(1).lower()
    if name in _VOID or opening.group(0).endswith(b"/>"):
        return opening.end()
    depth = 1
    for tag in _TAG.finditer(html, opening.end()):
        if tag.group(2).lower() == name:
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                return tag.end()
    return None


def _in_raw_text(html: bytes, position: int) -> bool:
    """Whether `position` is inside a comment, a script or a style, where a tag is only text."""
    def last(*marks: bytes) -> int:
        return max(html.rfind(mark, 0, position) for mark in marks)

    return last(b"<!--") > last(b"-->") or any(
        last(b"<" + name, b"<" + name.upper()) > last(b"</" + name, b"</" + name.upper()) for name in (b"script", b"style"))


def bundle_path(site_dir: str, code: str) -> str:
    return os.path.join(site_dir, BUNDLE_DIR, code)


def bundle_href(base_url: str, is_default: bool, code: str) -> str:
    """The URL of a language's bundle from a page whose `base_url` points to its language's root
    (relative, or absolute on 404 pages): one folder up for a language under `/<code>/`."""
    root = base_url.rstrip("/") + ("/" if is_default else "/../")
    return f"{root}{BUNDLE_DIR}/{code}/"


def escape_glob(name: str) -> str:
    return _GLOB_SPECIAL.sub(r"\\\1", name)


def language_glob(code: str, is_default: bool, root_folders: list[str], other_codes: list[str]) -> str:
    """The Pagefind `--glob`, relative to the site folder, of one language's pages.

    `root_folders` are the folders in the site folder; the default language's pages are the HTML
    files at the root and in every one of them but the other languages' folders, the bundles and
    hidden folders (`mkdocs serve`'s staging).
    """
    if not is_default:
        return f"{escape_glob(code)}/**/*.html"
    skip = set(other_codes) | {BUNDLE_DIR}
    folders = sorted(name for name in root_folders if name not in skip and not name.startswith("."))
    return "{" + ",".join(["*.html"] + [f"{escape_glob(name)}/**/*.html" for name in folders]) + "}"


def pagefind_command(executable: str, site_dir: str, glob: str, output: str) -> list[str]:
    return [
        executable, "--site", site_dir, "--glob", glob, "--output-path", output,
        "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDE_SELECTORS, "--quiet",
    ]


def language_pages(folder: str, is_default: bool, other_codes: list[str]):
    """The HTML files of a language's folder, in a stable order: for the default language (the site
    root) all but those of the other languages' folders, the bundles and hidden folders."""
    skip = set(other_codes) | {BUNDLE_DIR} if is_default else set()
    for current, folders, names in os.walk(folder):
        if current == folder:
            folders[:] = [name for name in folders if name not in skip and not name.startswith(".")]
        folders.sort()
        for name in sorted(names):
            if name.endswith(".html"):
                yield os.path.join(current, name)


def has_marked_page(folder: str, is_default: bool, other_codes: list[str]) -> bool:
    """Whether a language's folder has a page marked for the index. Without one, Pagefind would
    index every page's whole body (a language whose pages are all untranslated)."""
    for path in language_pages(folder, is_default, other_codes):
        with open(path, "rb") as file:
            if BODY_MARKER in file.read():
                return True
    return False
