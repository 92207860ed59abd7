"""Whether each translation is current, stale or missing, from the English source's hash.

A translated page records in its front matter the hash of the default-language file it was
translated from (`source_hash`). When that file changes, its hash no longer matches: the
translation is stale until a translator updates it and its `source_hash`.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from page_sources import read_page_source

CURRENT, STALE, MISSING = "current", "stale", "missing"


def source_hash(text: str) -> str:
    """A short, stable hash of a page's text (line endings and outer blank lines ignored)."""
    normalized = text.replace("\r\n", "\n").strip() + "\n"
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageStatus:
    """The state of one page in one language."""

    code: str
    src_uri: str
    state: str  # CURRENT, STALE or MISSING
    reviewed: bool = False


def page_status(code: str, src_uri: str, original_text: str, translation_meta: dict | None) -> PageStatus:
    if translation_meta is None:
        return PageStatus(code, src_uri, MISSING)
    recorded = str(translation_meta.get("source_hash", ""))
    state = CURRENT if recorded == source_hash(original_text) else STALE
    return PageStatus(code, src_uri, state, bool(translation_meta.get("reviewed", False)))


def status_table(tree, languages) -> dict[tuple[str, str], PageStatus]:
    """The status of every page of the default language in every other language."""
    table = {}
    for src_uri in sorted(tree.pages[tree.default]):
        original = read_page_source(tree.path(tree.default, src_uri)).text
        for language in languages[1:]:
            meta = read_page_source(tree.path(language.code, src_uri)).meta if tree.has(language.code, src_uri) else None
            table[(language.code, src_uri)] = page_status(language.code, src_uri, original, meta)
    return table


if __name__ == "__main__":  # python hooks/translation_status.py docs/en/about.md
    for name in sys.argv[1:]:
        print(f"{source_hash(Path(name).read_text(encoding='utf-8'))}  {name}")
