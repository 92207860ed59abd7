"""Reading a Markdown page's source: UTF-8 text, YAML front matter and body, with clear errors.

MkDocs silently ignores front matter it cannot parse; we refuse it instead, naming the file and the
line, because a page that loses its title, description or topics would build but be wrong.

Every language build reads the front matter of every page of every language (translation status),
so reading is memoized per file version (and parses with libyaml: fast_yaml).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

import fast_yaml


class SourceError(Exception):
    """A page source that cannot be used; the message names the file (and line) and the fix."""


@dataclass(frozen=True)
class PageSource:
    """A page's front matter and Markdown body."""

    path: str
    meta: dict
    body: str
    text: str  # the whole file, decoded


def decode_utf8(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            f"{path}:{line}: the file is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset "
            f"{error.start}). Save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)."
        ) from None


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
    try:
        meta = fast_yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening '---', +1 one-based
        problem = getattr(error, "problem", None) or str(error)
        raise SourceError(
            f"{path}:{line}: the front matter is not valid YAML ({problem}). Fix the YAML between "
            "the '---' lines; quote a value that contains ': ' or starts with a special character."
        ) from None
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
    stat = os.stat(path)
    version = (stat.st_mtime_ns, stat.st_size)
    source = cached_source(path, version)
    if source is None:
        text = decode_utf8(Path(path).read_bytes(), path)
        meta, body = split_front_matter(text, path)
        source = PageSource(path=path, meta=meta, body=body, text=text)
        _CACHE[path] = (version, source)
    return source


def cached_source(path: str, version: tuple[int, int]) -> PageSource | None:
    """The page read earlier in this process (or the one it was forked from), if the file has the
    same modification time and size; `mkdocs serve` rebuilds thus re-read only edited files."""
    cached = _CACHE.get(path)
    return cached[1] if cached is not None and cached[0] == version else None


_CACHE: dict[str, tuple[tuple[int, int], PageSource]] = {}
