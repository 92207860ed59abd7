"""Pure text edits of a translation's front matter, for scripts/translations.py: a new translation
made from the English page, and a renewed `source_hash`. Every byte not named is kept as it was.

Each result is read back with multilingual.sources' front-matter parser before it is returned, so an edit
that would not read back as intended (an odd YAML layout) is refused, never written.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.utils.meta import YAML_RE

from multilingual.sources import split_front_matter  # hooks/ is on sys.path (scripts/translations.py puts it there)


class FrontMatterError(Exception):
    """The front matter cannot be edited safely; the message names the file and the fix."""


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as that string (a hash of digits would read as a number)."""
    return value if yaml.safe_load(value) == value else f'"{value}"'


def front_matter_lines(text: str, path: str) -> tuple[int, int, list[str]] | None:
    """Where the front matter's YAML starts and ends in `text`, and its lines; None without front matter."""
    split_front_matter(text, path)  # refuses front matter that is not a closed YAML mapping
    match = YAML_RE.match(text) if text.startswith("---") else None
    return (match.start(1), match.end(1), match.group(1).splitlines(keepends=True)) if match else None


def key_line(line: str, key: str) -> bool:
    """Whether a front-matter line sets this top-level key."""
    return re.match(rf"{key}[ \t]*:", line) is not None


def checked(text: str, path: str, expected: dict) -> str:
    """`text`, once its front matter reads back with the `expected` values; else a FrontMatterError."""
    meta, _ = split_front_matter(text, path)
    if any(meta.get(key) != value for key, value in expected.items()):
        wanted = ", ".join(f"{key}: {value}" for key, value in expected.items())
        raise FrontMatterError(f"{path}: its front matter could not be updated safely; set {wanted} in it by hand.")
    return text


def with_source_hash(text: str, path: str, new_hash: str) -> str:
    """`text` with its `source_hash:` line set to `new_hash`, every other byte kept; the line is
    added at the end of the front matter if there was none (and a front matter if there was none)."""
    line = f"source_hash: {yaml_scalar(new_hash)}"
    found = front_matter_lines(text, path)
    if found is None:
        return checked(f"---\n{line}\n---\n\n{text}", path, {"source_hash": new_hash})
    start, end, lines = found
    hits = [index for index, old in enumerate(lines) if key_line(old, "source_hash")]
    if len(hits) > 1:
        raise FrontMatterError(f"{path}: the front matter has {len(hits)} source_hash lines; delete all but one, then run again.")
    if hits:
        old = lines[hits[0]]
        lines[hits[0]] = line + old[len(old.rstrip("\r\n")):]
    else:
        lines.append(line + "\n")
    return checked(text[:start] + "".join(lines) + text[end:], path, {"source_hash": new_hash})


def new_translation_text(english: str, path: str, new_hash: str) -> str:
    """The English page with `source_hash` and `reviewed: false` added to its front matter (title,
    description and tags kept for the translator), and its body unchanged."""
    added = f"source_hash: {yaml_scalar(new_hash)}\nreviewed: false\n"
    found = front_matter_lines(english, path)
    if found is None:
        text = f"---\n{added}---\n\n{english}"
    else:
        start, end, lines = found
        kept = [line for line in lines if not key_line(line, "source_hash") and not key_line(line, "reviewed")]
        text = english[:start] + "".join(kept) + added + english[end:]
    return checked(text, path, {"source_hash": new_hash, "reviewed": False})
