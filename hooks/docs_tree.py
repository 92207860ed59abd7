"""Which pages exist in which language folder of `docs/`.

Every language folder mirrors the default language's folder, so whether a page is translated is
known from paths alone; this module scans the tree once per build and refuses a tree that breaks
that rule (an unknown folder, a translation with no original).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from languages import Language


class DocsTreeError(Exception):
    """The `docs/` tree does not match the language table; the message says what to do."""


@dataclass(frozen=True)
class DocsTree:
    """The Markdown pages (as `src_uri`s such as `about.md`) of every language folder."""

    root: str
    default: str
    pages: dict[str, frozenset[str]]

    def has(self, code: str, src_uri: str) -> bool:
        return src_uri in self.pages.get(code, frozenset())

    def missing(self, code: str) -> list[str]:
        """Pages of the default language that `code` has not translated."""
        return sorted(self.pages[self.default] - self.pages.get(code, frozenset()))

    def path(self, code: str, src_uri: str) -> str:
        return os.path.join(self.root, code, *src_uri.split("/"))


def markdown_pages(folder: Path) -> frozenset[str]:
    if not folder.is_dir():
        return frozenset()
    return frozenset(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*.md")
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def scan_docs(root: str, languages: tuple[Language, ...]) -> DocsTree:
    """Scan `root` (the folder holding one folder per language) and check it."""
    codes = [language.code for language in languages]
    default = codes[0]
    root_path = Path(root)
    for entry in sorted(root_path.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in codes:
            raise DocsTreeError(
                f"{entry}: '{entry.name}' is not a language of this site. Rename the folder to one of "
                f"{', '.join(codes)}, or add '{entry.name}' to extra.languages in mkdocs.yml."
            )
        if entry.is_file():
            raise DocsTreeError(
                f"{entry}: files belong in a language folder. Move it to {root_path / default}/ "
                "(and its translations to the other language folders)."
            )
    pages = {code: markdown_pages(root_path / code) for code in codes}
    for code in codes[1:]:
        for src_uri in sorted(pages[code] - pages[default]):
            raise DocsTreeError(
                f"{root_path / code / src_uri}: this translation has no original "
                f"{root_path / default / src_uri}. Add the {default} page first, or rename this file "
                f"to match the {default} page it translates."
            )
    return DocsTree(root=str(root_path), default=default, pages=pages)
