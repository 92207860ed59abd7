"""MkDocs hooks: our own blocks in the pages. Titles (numbered, always text), the safety notice,
insert markers (`<!-- insert: name -->`), the contact link, and translation notices.
"""

from __future__ import annotations

import logging
import os

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import content_blocks as blocks
from helplines import HelplinesError, load_helplines, render_help
from page_html import insert_after_title, replace_marker
from page_index import safe_title
from page_sources import SourceError
from site_language import CONTEXT_KEY, DATA_DIR
from translation_status import STALE, status_table
from urls import relative_href

log = logging.getLogger("mkdocs.plugins.content")

_helplines = None
_status = {}


def on_config(config):
    global _helplines
    try:
        _helplines = load_helplines(os.path.join(DATA_DIR, "helplines.yml"))
    except HelplinesError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files, config):
    global _status
    site = config.extra[CONTEXT_KEY]
    try:
        _status = status_table(site.tree, site.languages)
    except SourceError as error:
        raise PluginError(str(error)) from None
    if site.is_default:
        stale = [f"{code}/{uri}" for (code, uri), s in sorted(_status.items()) if s.state == STALE]
        if stale:
            log.info(f"Translations older than their English page ({len(stale)}): {', '.join(stale)}")
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    site = config.extra[CONTEXT_KEY]
    info = site.pages.get(page.file.src_uri)
    title = info.title if info else page.meta.get("title", page.title)
    if not isinstance(title, Markup):
        page.meta["title"] = safe_title(str(title))
    if page.meta.get("description") and not isinstance(page.meta["description"], Markup):
        page.meta["description"] = safe_title(str(page.meta["description"]))
    help_href = relative_href(page.url, site.pages[blocks.HELP_PAGE].url) if blocks.HELP_PAGE in site.pages else ""
    inserts = {
        "safety-note": lambda: blocks.safety_notice(site.ui, help_href),
        "chapter-cards": lambda: blocks.chapter_cards(list(site.pages.values()), page.url, site.ui),
        "helplines": lambda: render_help(_helplines, site.language.code, site.language.hreflang, site.ui),
        "translation-status": lambda: blocks.status_table(_status, site.languages, site.pages, page.url, site.ui),
    }
    for name, render in inserts.items():
        if f"insert: {name}" in markdown:
            markdown = replace_marker(markdown, name, render())
    return markdown.replace("](contact:)", f"]({config.extra.get('contact_url', '')})")


@event_priority(10)  # before the topic chips, so the chips come first under the title
def on_page_content(html: str, page, config, files) -> str:
    site = config.extra[CONTEXT_KEY]
    info = site.pages.get(page.file.src_uri)
    if info is None:
        return html
    notices = []
    if blocks.needs_safety_notice(info.tags):
        help_href = relative_href(page.url, site.pages[blocks.HELP_PAGE].url)
        notices.append(blocks.safety_notice(site.ui, help_href))
    status = _status.get((site.language.code, page.file.src_uri))
    if status and not info.untranslated:
        if status.state == STALE:
            notices.insert(0, blocks.stale_notice(site.ui, site.original_href(page.url), site.default))
        if not status.reviewed:
            html += "\n" + blocks.unreviewed_note(site.ui)
    return insert_after_title(html, "\n".join(notices)) if notices else html
