"""The language switcher: for one page, a link to the same page in every language."""

from __future__ import annotations

from dataclasses import dataclass

from .tree import DocsTree
from .languages import Language
from .urls import language_prefix, relative_href, site_path


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the switcher."""

    language: Language
    href: str
    current: bool
    translated: bool  # False: the target is the default-language text, shown as a fallback


def is_translated(tree: DocsTree, code: str, src_uri: str) -> bool:
    """Generated pages (topic pages) exist in every language; others when their file does."""
    if code == tree.default or src_uri not in tree.pages[tree.default]:
        return True
    return tree.has(code, src_uri)


def switcher_links(
    languages: tuple[Language, ...], current: Language, tree: DocsTree, src_uri: str, page_url: str
) -> list[LanguageLink]:
    """Relative links from the page at `page_url` in `current` to the same page in each language."""
    default = languages[0]
    here = site_path(current, default, page_url)
    return [
        LanguageLink(
            language=language,
            href=relative_href(here, site_path(language, default, page_url)),
            current=language == current,
            translated=is_translated(tree, language.code, src_uri),
        )
        for language in languages
    ]


def home_links(languages: tuple[Language, ...], current: Language, root_path: str) -> list[LanguageLink]:
    """Absolute-path links to each language's home, for pages served at any URL (the 404 page)."""
    default = languages[0]
    root_path = root_path if root_path.endswith("/") else root_path + "/"
    return [
        LanguageLink(language, root_path + language_prefix(language, default), language == current, True)
        for language in languages
    ]
