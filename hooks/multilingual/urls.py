"""URL mapping between languages: where a page lives in each language, absolutely and relatively.

Every language folder mirrors `docs/<default>/`, so a page's URL inside its language build
(MkDocs' `page.url`, e.g. `understanding-trust/`) is the same in every language; only the
language prefix differs. All functions are pure: they work on strings, not on MkDocs objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from .languages import Language


@dataclass(frozen=True)
class Alternate:
    """One `<link rel="alternate">` of a page."""

    hreflang: str
    href: str


def language_prefix(language: Language, default: Language) -> str:
    """Path of a language's root below the site root: "" for the default language, else "fr/"."""
    return "" if language.code == default.code else f"{language.code}/"


def site_path(language: Language, default: Language, page_url: str) -> str:
    """Path of a page below the site root, e.g. `fr/understanding-trust/`."""
    return language_prefix(language, default) + page_url


def with_trailing_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def language_site_url(site_url: str, language: Language, default: Language) -> str:
    """The `site_url` of one language's build, e.g. `https://x.github.io/guide/fr/`."""
    return with_trailing_slash(site_url) + language_prefix(language, default)


def absolute_url(site_url: str, path: str) -> str:
    """A path below the site root made absolute under `site_url`."""
    return with_trailing_slash(site_url) + path


def relative_href(from_path: str, to_path: str) -> str:
    """A relative link from the page at site path `from_path` to the one at `to_path`.

    Relative links keep the site working under any sub-path and from the file system.
    """
    href = get_relative_url(to_path or ".", from_path or ".")
    if (to_path == "" or to_path.endswith("/")) and not href.endswith("/"):
        href += "/"
    return href


def alternates(
    languages: tuple[Language, ...], site_url: str, page_url: str
) -> list[Alternate]:
    """The hreflang alternates of a page: one per language, plus `x-default` (the default language).

    Every language has every page (missing translations are built from the default language),
    so the set is the same, and reciprocal, on every language version of a page.
    """
    default = languages[0]
    links = [
        Alternate(language.hreflang, absolute_url(site_url, site_path(language, default, page_url)))
        for language in languages
    ]
    links.append(Alternate("x-default", links[0].href))
    return links
