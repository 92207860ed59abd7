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

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from multilingual.errors import SiteInputError
from multilingual.settings import DocsPage, HttpUrl, Text, owned_keys, validated

OPTIONS_KEY = "guide_options"  # config.extra: the build's GuideOptions, read once by the guide hook


class GuideOptionsError(SiteInputError):
    """A guide setting in mkdocs.yml is wrong; the message names it and says what to do."""


class GuideConfig(Config):
    """The guide's keys of `extra:` (each optional), as MkDocs validates them."""

    # The safety notice: where it sends readers, and which pages carry it.
    help_page = c.Optional(DocsPage())
    help_url = c.Optional(HttpUrl())
    safety_topics = c.ListOfItems(c.Type(str), default=[])
    # The help page's helplines (a folder of country files) and the quick-exit control.
    helplines = c.Optional(Text())
    quick_exit_url = c.Optional(HttpUrl())
    # `[...](contact:)` links; unset: the issues page of GITHUB_REPOSITORY.
    contact_url = c.Optional(HttpUrl())
    # Chapters, and the pages search engines read as FAQ and as the chapters' references.
    number_chapters = c.Type(bool, default=False)
    faq_page = c.Optional(DocsPage())
    sources_page = c.Optional(DocsPage())


FIXES = {
    "help_page": "Name a page of the docs, e.g. `help_page: getting-help.md`, or leave it out.",
    "help_url": "Give an http(s) address, e.g. `help_url: https://example.org/help`, or leave it out.",
    "safety_topics": "Give a list of topic slugs, e.g. `safety_topics: [betrayal]`.",
    "helplines": "Name the folder of country files, e.g. `helplines: data/helplines`, or leave it out.",
    "quick_exit_url": "Give an http(s) address, e.g. `quick_exit_url: https://www.wikipedia.org/`, or leave it out.",
    "contact_url": "Give an http(s) address, or leave it out (it then follows GITHUB_REPOSITORY).",
    "number_chapters": "Set it to true or false.",
    "faq_page": "Name a page of the docs, e.g. `faq_page: questions.md`, or leave it out.",
    "sources_page": "Name a page of the docs, e.g. `sources_page: sources.md`, or leave it out.",
}


@dataclass(frozen=True)
class GuideOptions:
    """The guide's settings of one build, as validated by `GuideConfig`."""

    help_page: str | None = None
    help_url: str | None = None
    safety_topics: frozenset[str] = frozenset()
    helplines: str | None = None
    quick_exit_url: str | None = None
    contact_url: str | None = None
    number_chapters: bool = False
    faq_page: str | None = None
    sources_page: str | None = None


def default_contact_url(environ: Mapping[str, str]) -> str | None:
    """The issues page of the GitHub repository the build runs in (GitHub Actions sets
    GITHUB_REPOSITORY), so a deployed site never shows a placeholder."""
    repository = environ.get("GITHUB_REPOSITORY")
    return f"https://github.com/{repository}/issues" if repository else None


def read_options(extra: Mapping, environ: Mapping[str, str] | None = None) -> GuideOptions:
    """The guide's keys of `extra`, validated by `GuideConfig`; an empty value is an unset one.
    Other keys of `extra` (the theme's, the engine's) are not the guide's to check."""
    environ = os.environ if environ is None else environ
    values = {key: value for key, value in owned_keys(GuideConfig, extra).items() if value not in ("", None)}
    config = validated(GuideConfig, values, "mkdocs.yml: extra.{key}", FIXES, GuideOptionsError)
    return GuideOptions(
        help_page=config.help_page,
        help_url=config.help_url or None,
        safety_topics=frozenset(config.safety_topics),
        helplines=config.helplines,
        quick_exit_url=config.quick_exit_url or None,
        contact_url=config.contact_url or default_contact_url(environ),
        number_chapters=config.number_chapters,
        faq_page=config.faq_page,
        sources_page=config.sources_page,
    )


def site_options(config: MkDocsConfig) -> GuideOptions:
    """This build's guide settings, as the guide hook read them in its `on_config`."""
    options = config.extra.get(OPTIONS_KEY)
    if not isinstance(options, GuideOptions):
        raise GuideOptionsError("mkdocs.yml: hooks: the guide's settings are read by hooks/guide_hook.py; list it.")
    return options


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
