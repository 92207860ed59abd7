"""Which pages and other files exist in which language folder of `docs/`.

Every language folder mirrors the default language's folder, so whether a page is translated is
known from paths alone; this module scans the tree once per build and refuses a tree that breaks
that rule (an unknown folder, a translation with no original).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils import is_markdown_file

from .errors import SiteInputError
from .languages import Language


class DocsTreeError(SiteInputError):
    """The `docs/` tree does not match the language table; the message says what to do."""


@dataclass(frozen=True)
class DocsTree:
    """The Markdown pages and the other files (images, PDFs...) of every language folder, as
    `src_uri`s such as `about.md` or `img/map.png`."""

    root: str
    default: str
    pages: dict[str, frozenset[str]]
    assets: dict[str, frozenset[str]] = field(default_factory=dict)

    def has(self, code: str, src_uri: str) -> bool:
        return src_uri in self.pages.get(code, frozenset())

    def missing(self, code: str) -> list[str]:
        """Pages of the default language that `code` has not translated."""
        return sorted(self.pages[self.default] - self.pages.get(code, frozenset()))

    def shared_assets(self, code: str) -> list[str]:
        """Files of the default language's folder that `code` has no copy of: they serve it too."""
        return sorted(self.assets.get(self.default, frozenset()) - self.assets.get(code, frozenset()))

    def path(self, code: str, src_uri: str) -> str:
        if os.sep == "/":  # by string: every build asks for the paths of every page of every language
            return f"{self.root}/{code}/{src_uri}"
        return os.path.join(self.root, code, *src_uri.split("/"))


def folder_files(folder: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The Markdown pages and the other files of a folder, skipping hidden files and folders (as
    MkDocs does)."""
    pages: set[str] = set()
    assets: set[str] = set()
    top = str(folder)
    if os.path.isdir(top):
        for directory, folders, names in os.walk(top):
            folders[:] = [name for name in folders if not name.startswith(".")]
            # The folder's path below `top`, as a URI prefix: string work, a thousand pages a language.
            prefix = directory[len(top):].lstrip(os.sep).replace(os.sep, "/")
            prefix = prefix + "/" if prefix else ""
            for name in names:
                if not name.startswith("."):
                    (pages if is_markdown_file(name) else assets).add(prefix + name)
    return frozenset(pages), frozenset(assets)


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
    scanned = {code: folder_files(root_path / code) for code in codes}
    pages = {code: scanned[code][0] for code in codes}
    for code in codes[1:]:
        for src_uri in sorted(pages[code] - pages[default]):
            raise DocsTreeError(
                f"{root_path / code / src_uri}: this translation has no original "
                f"{root_path / default / src_uri}. Add the {default} page first, or rename this file "
                f"to match the {default} page it translates."
            )
    return DocsTree(root=str(root_path), default=default, pages=pages,
                    assets={code: scanned[code][1] for code in codes})
