"""The safety notice (abuse is not a relationship problem) and the ways to the help: the notice's
link and every page's help link."""

from __future__ import annotations

from markupsafe import Markup

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


def help_page_url(options: GuideOptions, pages: dict) -> str | None:
    """The help page's URL in this language's build, if the site has one (never a missing page)."""
    return pages[options.help_page].url if options.help_page and options.help_page in pages else None


def help_href(options: GuideOptions, pages: dict, page_url: str) -> str | None:
    """Where the notice sends a reader from the page at `page_url`: the help page if the site has
    it, else the configured help address, else nowhere."""
    url = help_page_url(options, pages)
    return relative_href(page_url, url) if url is not None else options.help_url


def help_link(options: GuideOptions, pages: dict, base_url: str) -> str | None:
    """Every page's help link, 404 pages included (`base_url` is the language's root there too): at
    the help page's list of the reader's countries when it has one, so that the number to call is
    on the first screen a tap away (the danger lead sits just above it)."""
    url = help_page_url(options, pages)
    if url is None:
        return options.help_url
    return f"{base_url.rstrip('/')}/{url}" + ("#helplines" if options.helplines else "")


def safety_notice(fragments: Fragments, ui, href: str | None) -> Markup:
    return fragments.render_block("safety-notice", ui=ui, help_href=href)
