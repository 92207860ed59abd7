"""Chapters: the pages of the nav after the home page, numbered in nav order when the site asks for
it (`extra.number_chapters`), each with its reading time; and the home page's chapter cards."""

from __future__ import annotations

from dataclasses import replace
from typing import Collection

from multilingual.pages import PageInfo
from multilingual.templates import Fragments
from multilingual.urls import relative_href

from .reading_time import reading_minutes


def nav_pages(nav: object) -> list[str]:
    """The Markdown pages of a `nav:` setting, in order, sections flattened."""
    found: list[str] = []
    items = nav if isinstance(nav, list) else [nav] if nav else []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found.extend(nav_pages(value))
    return [path for path in found if path.endswith(".md") and "://" not in path]


def chapter_numbers(nav: object, pages: Collection[str]) -> dict[str, int]:
    """Chapter numbers from the nav: every page after the home page (the first) that is one of the
    site's own `pages` (its Markdown files), not a page another hook generates, such as a topic page."""
    chapters = [path for path in nav_pages(nav)[1:] if path in pages]
    return {path: number for number, path in enumerate(dict.fromkeys(chapters), start=1)}


def as_chapters(pages: dict[str, PageInfo], numbers: dict[str, int], code: str, default_code: str,
                body_of, minutes_of=reading_minutes) -> dict[str, PageInfo]:
    """The pages with their chapter numbers in their titles and their reading times (in the
    language of their text: an untranslated page is read in the default language; `minutes_of`,
    e.g. times kept from an earlier build)."""
    chaptered = {}
    for src_uri, page in pages.items():
        number = numbers.get(src_uri)
        chaptered[src_uri] = replace(
            page,
            number=number,
            title=f"{number}. {page.title}" if number else page.title,
            minutes=minutes_of(body_of(page), default_code if page.untranslated else code),
        )
    return chaptered


def chapter_cards(fragments: Fragments, pages: list[PageInfo], here: str, ui) -> str:
    """The home page's cards: every numbered chapter with its description and reading time."""
    cards = [{"title": page.title, "href": relative_href(here, page.url), "description": page.description,
              "minutes": page.minutes} for page in sorted((p for p in pages if p.number), key=lambda p: p.number or 0)]
    return fragments.render_block("chapter-cards", cards=cards, ui=ui)
