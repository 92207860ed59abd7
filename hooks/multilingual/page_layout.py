"""A page's article as data for overrides/partials/content.html (which stands in for the theme's
partial of that name, `content_partial.py`): the page's heading, the blocks under it (the page header:
topic chips, reading time, notices), the page's text and the blocks under the text. Each hook adds its
blocks to the page's template context in `on_page_context`, from the page's own data; where each block
goes is declared here, once, so the order of the hooks does not matter."""

from __future__ import annotations

from typing import NamedTuple, cast

from markupsafe import Markup, escape
from mkdocs.utils.templates import TemplateContext

from .errors import SiteInputError
from .html import split_leading_h1
from .templates import add_to_context

# The slots of each part of the article, top to bottom, under the template context key that holds
# its blocks (a tuple of `PageBlock`s in this order).
PAGE_HEADER = ("topics", "reading-time", "safety-notice", "translation-notice")  # under the heading
PAGE_FOOTER = ("translation-review",)  # under the text
SLOTS = {"page_header": PAGE_HEADER, "page_footer": PAGE_FOOTER}


class PageBlock(NamedTuple):
    slot: str
    html: Markup


class MisplacedHeadingError(SiteInputError):
    """A page's `<h1>` is not at its top: the page header would have no heading to go under."""


def part_of(slot: str) -> str:
    """The template context key of the part of the article that has `slot`."""
    for key, slots in SLOTS.items():
        if slot in slots:
            return key
    raise ValueError(f"No page block slot '{slot}': declare it in PAGE_HEADER or PAGE_FOOTER "
                     "(hooks/multilingual/page_layout.py), where it goes.")


def with_block(blocks: tuple[PageBlock, ...], block: PageBlock) -> tuple[PageBlock, ...]:
    """`blocks` (of one part) with `block` added in its slot's place, after the blocks already in
    that slot."""
    slots = SLOTS[part_of(block.slot)]
    return tuple(sorted((*blocks, block), key=lambda each: slots.index(each.slot)))  # stable: same slot keeps order


def add_page_block(context: TemplateContext, slot: str, html: Markup) -> TemplateContext:
    """Add a block to the page's template context, in `slot` (under `page_header` or `page_footer`).
    `html` is a rendered fragment; plain text would be escaped."""
    key = part_of(slot)
    blocks = cast(dict, context).get(key, ())
    return add_to_context(context, **{key: with_block(blocks, PageBlock(slot, escape(html)))})


def heading_and_text(content: str, source: str) -> tuple[Markup, Markup]:
    """A page's heading, the leading `<h1>` of its content (our Markdown's, rendered), and the rest.
    Without one the heading is "": the content partial writes the page's title, as the theme's does.

    An `<h1>` further down would leave the page header no heading to go under (the theme would not
    write the title either), so it is refused; `source` names the page's file in the message."""
    heading, text = split_leading_h1(content)
    if not heading and "<h1" in text:
        raise MisplacedHeadingError(
            f"{source}: the page has a level-1 heading (`# ...`) that is not at its top. The page's "
            "title, its topics and notices go above everything else: move that heading to the top "
            "(right after the front matter), or make it a `##` heading."
        )
    return Markup(heading), Markup(text)
