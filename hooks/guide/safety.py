"""The safety notice: abuse is not a relationship problem, and where to find help."""

from __future__ import annotations

from multilingual.templates import Fragments
from multilingual.urls import relative_href

from .options import GuideOptions


def needs_safety_notice(tags: tuple[str, ...], meta: dict, options: GuideOptions) -> bool:
    """Pages with one of the configured safety topics carry the notice; a page's front matter
    `safety_notice: true` (or `false`) asks for it (or not) whatever its topics, e.g. a page whose
    topics are not about safety but which speaks of abuse."""
    wanted = meta.get("safety_notice")
    if isinstance(wanted, bool):
        return wanted and bool(options.safety_topics)
    return bool(options.safety_topics & set(tags))


def help_href(options: GuideOptions, pages: dict, page_url: str) -> str | None:
    """Where the notice sends a reader from the page at `page_url`: the help page if the site has
    it, else the configured help address, else nowhere (never to a missing page)."""
    if options.help_page and options.help_page in pages:
        return relative_href(page_url, pages[options.help_page].url)
    return options.help_url


def safety_notice(fragments: Fragments, ui, href: str | None) -> str:
    return fragments.render_block("safety-notice", ui=ui, help_href=href)
