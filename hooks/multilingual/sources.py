"""Reading a Markdown page's source: UTF-8 text, YAML front matter and body, with clear errors.

MkDocs silently ignores front matter it cannot parse; we refuse it instead, naming the file and the
line, because a page that loses its title, description or topics would build but be wrong.

Every language build reads the front matter of every page of every language (translation status),
so reading is memoized per file version.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import YAML_RE

from .data_files import DataFileError, decode_utf8, parse_yaml
from .versions import file_version

SourceError = DataFileError  # a page source that cannot be used; the message names file, line and fix


@dataclass(frozen=True)
class PageSource:
    """A page's front matter and Markdown body."""

    path: str
    meta: dict
    body: str
    text: str  # the whole file, decoded


def split_front_matter(text: str, path: str) -> tuple[dict, str]:
    """The front matter (a mapping, maybe empty) and the body of a page's text."""
    if not text.startswith("---"):
        return {}, text
    match = YAML_RE.match(text)
    if match is None:
        raise SourceError(
            f"{path}:1: the front matter opened by '---' is never closed. "
            "End it with a line holding only '---'."
        )
    meta = parse_yaml(match.group(1), path, first_line=2, what="the front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(
            f"{path}:2: the front matter must be a mapping of keys to values (title: ..., "
            f"description: ...), not a {type(meta).__name__}."
        )
    return meta, text[match.end():].lstrip("\n")


def read_page_source(path: str | Path) -> PageSource:
    """Read and check one Markdown page (once per version of the file: see `cached_source`)."""
    path = str(path)
    version = file_version(path)
    source = cached_source(path, version)
    if source is None:
        # As MkDocs reads pages: a byte-order mark dropped, Windows line ends read as "\n".
        text = decode_utf8(Path(path).read_bytes(), path).removeprefix("\ufeff").replace("\r\n", "\n")
        meta, body = split_front_matter(text, path)
        source = PageSource(path=path, meta=meta, body=body, text=text)
        _CACHE[path] = (version, source)
    return source


def cached_source(path: str, version: tuple[int, int]) -> PageSource | None:
    """The page read earlier in this process (or the one it was forked from), if the file has the
    same modification time and size; `mkdocs serve` rebuilds thus re-read only edited files."""
    cached = _CACHE.get(path)
    return cached[1] if cached is not None and cached[0] == version else None


# A cache, not build state: keyed by file version, it is right in any build of any process.
_CACHE: dict[str, tuple[tuple[int, int], PageSource]] = {}
