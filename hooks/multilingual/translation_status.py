"""Whether each translation is current, out of date, untracked or missing, from the source's hash.

A translated page records in its front matter the hash of the default-language file it was
translated from (`source_hash`). When that file changes, its hash no longer matches: the
translation is stale until a translator updates it and its `source_hash`
(`scripts/translations.py done CODE PAGE`). A translation without `source_hash` is untracked: its
state is unknown, so readers are told nothing and the build warns.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from .sources import read_page_source

CURRENT, STALE, UNTRACKED, MISSING = "current", "stale", "untracked", "missing"


def normalized_text(text: str) -> str:
    """A page's text as its hash sees it: line endings and outer blank lines ignored."""
    return text.replace("\r\n", "\n").strip() + "\n"


@functools.lru_cache(maxsize=65536)  # every build hashes every original; `mkdocs serve` the same texts again
def source_hash(text: str) -> str:
    """A short, stable hash of a page's text (of its `normalized_text`)."""
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageStatus:
    """The state of one page in one language."""

    code: str
    src_uri: str
    state: str  # CURRENT, STALE, UNTRACKED or MISSING
    reviewed: bool = False


def page_status(code: str, src_uri: str, original_hash: str, translation_meta: dict | None) -> PageStatus:
    """The status of a translation (its front matter, None if missing) of the original whose text
    hashes to `original_hash` (`source_hash`)."""
    if translation_meta is None:
        return PageStatus(code, src_uri, MISSING)
    recorded = translation_meta.get("source_hash")
    if not recorded:
        state = UNTRACKED
    else:
        state = CURRENT if str(recorded) == original_hash else STALE
    return PageStatus(code, src_uri, state, translation_meta.get("reviewed") is True)


def status_table(tree, languages) -> dict[tuple[str, str], PageStatus]:
    """The status of every page of the default language in every other language."""
    table = {}
    for src_uri in sorted(tree.pages[tree.default]):
        original_hash = source_hash(read_page_source(tree.path(tree.default, src_uri)).text)  # once, not per language
        for language in languages[1:]:
            meta = read_page_source(tree.path(language.code, src_uri)).meta if tree.has(language.code, src_uri) else None
            table[(language.code, src_uri)] = page_status(language.code, src_uri, original_hash, meta)
    return table


def untracked_warnings(table: dict[tuple[str, str], PageStatus], tree, shown: int = 3) -> list[str]:
    """One warning per language whose translations have no `source_hash` (a library that arrived
    untracked has a thousand: one line with the count, the first few and the one command that helps)."""
    by_language: dict[str, list[str]] = {}
    for (code, src_uri), status in sorted(table.items()):
        if status.state == UNTRACKED:
            by_language.setdefault(code, []).append(src_uri)
    warnings = []
    for code, pages in by_language.items():
        listed = ", ".join(pages[:shown]) + (f" and {len(pages) - shown} more" if len(pages) > shown else "")
        warnings.append(
            f"{tree.path(code, '')}: {len(pages)} translation{'s have' if len(pages) > 1 else ' has'} no "
            f"`source_hash` ({listed}), so no one can tell whether {'they are' if len(pages) > 1 else 'it is'} "
            f"current. Run `.venv/bin/python scripts/translations.py done {code} --all` to record those whose "
            "English page has not changed since they were committed (it lists the others)."
        )
    return warnings

