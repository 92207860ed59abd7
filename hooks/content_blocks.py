"""Blocks of our own interface placed into pages: the safety notice, chapter cards, translation
notices and the translation status table. Each is a function of plain data returning HTML.
The notices repeated on many pages carry `data-search-exclude`: Material's search leaves them out."""

from __future__ import annotations

from markupsafe import escape

from languages import Language
from page_index import PageInfo
from translation_status import CURRENT, MISSING, STALE, PageStatus
from urls import relative_href

SAFETY_TOPICS = {"betrayal", "recovery", "trust-recovery", "intimacy"}
HELP_PAGE = "getting-help.md"


def needs_safety_notice(tags: list[str]) -> bool:
    """Pages about betrayal, recovery or intimacy carry the safety notice."""
    return bool(SAFETY_TOPICS & set(tags))


def safety_notice(ui: dict[str, str], help_href: str) -> str:
    return (
        '<div class="admonition warning safety-notice" role="note" data-search-exclude>'
        f'<p class="admonition-title">{escape(ui["safety_title"])}</p>'
        f'<p>{escape(ui["safety_text"])} <a href="{escape(help_href)}">{escape(ui["safety_link"])}</a></p></div>'
    )


def chapter_cards(pages: list[PageInfo], here: str, ui: dict[str, str]) -> str:
    """The home page's cards: every numbered chapter with its description and reading time."""
    cards = []
    for page in sorted((p for p in pages if p.number), key=lambda p: p.number):
        minutes = escape(ui["reading_time"].format(minutes=page.minutes))
        cards.append(
            f'<li class="chapter-card"><a href="{escape(relative_href(here, page.url))}">{escape(page.title)}</a>'
            f'<p>{escape(page.description)}</p><p class="reading-time">{minutes}</p></li>'
        )
    return f'<ul class="chapter-cards">{"".join(cards)}</ul>'


def stale_notice(ui: dict[str, str], original_href: str, default: Language) -> str:
    return (
        '<div class="admonition note translation-notice" role="note" data-notice="stale" data-search-exclude>'
        f'<p>{escape(ui["stale_notice"])} <a href="{escape(original_href)}" hreflang="{default.hreflang}">'
        f'{escape(ui["stale_link"])}</a></p></div>'
    )


def unreviewed_note(ui: dict[str, str]) -> str:
    return f'<p class="translation-review-note" data-notice="unreviewed" data-search-exclude><small>{escape(ui["unreviewed_note"])}</small></p>'


STATE_SYMBOLS = {CURRENT: "✓", STALE: "!", MISSING: "–"}


def status_cell(status: PageStatus, ui: dict[str, str]) -> str:
    text = ui[f"status_{status.state}"]
    if status.state != MISSING and not status.reviewed:
        text += ", " + ui["status_unreviewed"]
    return (
        f'<td class="status-{status.state}"><span aria-hidden="true">{STATE_SYMBOLS[status.state]}</span>'
        f'<span class="visually-hidden">{escape(text)}</span></td>'
    )


def status_table(
    table: dict[tuple[str, str], PageStatus], languages: tuple[Language, ...], pages: dict[str, PageInfo],
    here: str, ui: dict[str, str],
) -> str:
    """Translation status, page × language, with a legend for the symbols."""
    translated = languages[1:]
    head = "".join(f'<th scope="col"><abbr title="{escape(l.name)}" lang="{l.hreflang}">{escape(l.label)}</abbr></th>' for l in translated)
    rows = []
    for src_uri in sorted({key[1] for key in table}, key=lambda uri: (pages[uri].number or 0) if uri in pages else 0):
        title = pages[src_uri].title if src_uri in pages else src_uri
        link = f'<a href="{escape(relative_href(here, pages[src_uri].url))}">{escape(title)}</a>' if src_uri in pages else escape(title)
        cells = "".join(status_cell(table[(l.code, src_uri)], ui) for l in translated)
        rows.append(f'<tr><th scope="row">{link}</th>{cells}</tr>')
    legend = " · ".join(f'{STATE_SYMBOLS[state]} {escape(ui["status_" + state])}' for state in (CURRENT, STALE, MISSING))
    return (
        f'<div class="translation-status"><table><thead><tr><td></td>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table><p class="status-legend">{legend}</p></div>'
    )
