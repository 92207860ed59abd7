"""The guide's features as configured in `mkdocs.yml` under `extra:`. Every key is optional; a
site that sets none of them gets none of the features.

    extra:
      help_page: getting-help.md         # the page the safety notice links to (a docs path) ...
      help_url: https://example.org/help # ... or an address, if the help is elsewhere
      safety_topics: [betrayal, recovery] # pages with one of these topics carry the safety notice
      helplines: data/helplines           # the folder of `<!-- insert: helplines -->` (its README.md)
      quick_exit_url: https://www.wikipedia.org/  # the quick-exit control leaves for this page
      contact_url: https://...            # `[...](contact:)` links point here
      number_chapters: true               # nav pages after the home page are numbered 1., 2., ...
      faq_page: questions.md              # its `##` questions become FAQPage data for search engines
      sources_page: sources.md            # its references are cited by the chapters' Article data
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from multilingual.errors import SiteInputError


class GuideOptionsError(SiteInputError):
    """A guide setting in mkdocs.yml is wrong; the message names it and says what to do."""


@dataclass(frozen=True)
class GuideOptions:
    help_page: str | None = None
    help_url: str | None = None
    safety_topics: frozenset[str] = frozenset()
    helplines: str | None = None
    quick_exit_url: str | None = None
    contact_url: str | None = None
    number_chapters: bool = False
    faq_page: str | None = None
    sources_page: str | None = None


def text_option(extra: dict, key: str) -> str | None:
    value = extra.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise GuideOptionsError(f"mkdocs.yml: extra.{key} must be text, e.g. `{key}: ...`; it is {value!r}.")
    return value.strip()


def url_option(extra: dict, key: str) -> str | None:
    value = text_option(extra, key)
    if value is not None and urlsplit(value).scheme not in ("http", "https"):
        raise GuideOptionsError(f"mkdocs.yml: extra.{key} must be an http(s) address; it is {value!r}.")
    return value


def page_option(extra: dict, key: str) -> str | None:
    value = text_option(extra, key)
    if value is not None and not value.endswith(".md"):
        raise GuideOptionsError(
            f"mkdocs.yml: extra.{key} must name a page of the docs, e.g. `{key}: page.md`; it is {value!r}."
        )
    return value


def default_contact_url(environ: Mapping[str, str]) -> str | None:
    """The issues page of the GitHub repository the build runs in (GitHub Actions sets
    GITHUB_REPOSITORY), so a deployed site never shows a placeholder."""
    repository = environ.get("GITHUB_REPOSITORY")
    return f"https://github.com/{repository}/issues" if repository else None


def read_options(extra: dict, environ: Mapping[str, str] | None = None) -> GuideOptions:
    environ = os.environ if environ is None else environ
    topics = extra.get("safety_topics") or []
    if not isinstance(topics, list) or not all(isinstance(topic, str) for topic in topics):
        raise GuideOptionsError("mkdocs.yml: extra.safety_topics must be a list of topic slugs, e.g. `[betrayal]`.")
    number = extra.get("number_chapters", False)
    if not isinstance(number, bool):
        raise GuideOptionsError("mkdocs.yml: extra.number_chapters must be true or false.")
    return GuideOptions(
        help_page=page_option(extra, "help_page"),
        help_url=url_option(extra, "help_url"),
        safety_topics=frozenset(topics),
        helplines=text_option(extra, "helplines"),
        quick_exit_url=url_option(extra, "quick_exit_url"),
        contact_url=url_option(extra, "contact_url") or default_contact_url(environ),
        number_chapters=number,
        faq_page=page_option(extra, "faq_page"),
        sources_page=page_option(extra, "sources_page"),
    )


PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "example.github.io")


def placeholder_addresses(site_url: str, options: GuideOptions) -> list[str]:
    """The site's addresses that are still placeholders (e.g. github.com/example/...)."""
    found = []
    for name, url in (("site_url", site_url), ("extra.contact_url", options.contact_url)):
        parts = urlsplit(url or "")
        host = (parts.hostname or "").lower()
        if host.endswith(PLACEHOLDER_HOSTS) or host in ("127.0.0.1", "localhost") or \
                (host == "github.com" and parts.path.lower().startswith("/example/")):
            found.append(f"{name} = {url}")
    return found
