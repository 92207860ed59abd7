"""The translation status table (`<!-- insert: translation-status -->`): every page × language,
current, out of date (linked to that translation, so a translator can open it), untracked or
missing, and whether it was reviewed."""

from __future__ import annotations

from .languages import Language
from .templates import Fragments
from .translation_status import CURRENT, MISSING, STALE, UNTRACKED, PageStatus
from .urls import relative_href, site_path

SYMBOLS = {CURRENT: "✓", STALE: "!", UNTRACKED: "?", MISSING: "–"}


def cell(status: PageStatus, ui, href: str | None) -> dict:
    text = ui[f"status_{status.state}"]
    if status.state != MISSING and not status.reviewed:
        text += ", " + ui["status_unreviewed"]
    return {"state": status.state, "symbol": SYMBOLS[status.state], "text": text, "href": href}


def status_table(fragments: Fragments, table: dict[tuple[str, str], PageStatus], languages: tuple[Language, ...],
                 pages: dict, here: str, ui) -> str:
    """The table for the page at site path `here`, with a legend for the symbols."""
    default, translated = languages[0], languages[1:]
    ordered = sorted({src_uri for _, src_uri in table},
                     key=lambda uri: (pages[uri].number is None, pages[uri].number or 0, pages[uri].title) if uri in pages else (True, 0, uri))
    rows = []
    for src_uri in ordered:
        page = pages.get(src_uri)
        cells = []
        for language in translated:
            status = table[(language.code, src_uri)]
            href = relative_href(here, site_path(language, default, page.url)) if page and status.state == STALE else None
            cells.append(cell(status, ui, href))
        rows.append({"title": page.title if page else src_uri, "href": relative_href(here, page.url) if page else None,
                     "cells": cells})
    states = sorted({status.state for status in table.values()} | {CURRENT, STALE, MISSING}, key=list(SYMBOLS).index)
    legend = [{"symbol": SYMBOLS[state], "text": ui[f"status_{state}"]} for state in states]
    return fragments.render_block("translation-status", languages=translated, rows=rows, legend=legend)
