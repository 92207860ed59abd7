"""MkDocs hooks: Open Graph tags and JSON-LD (Article for chapters, FAQPage for the Q&A page)."""

from __future__ import annotations

import metadata
from page_sources import read_page_source
from site_language import CONTEXT_KEY

QA_PAGE = "questions.md"
SOURCES_PAGE = "sources.md"

_references: dict[str, str] = {}
_citations: dict[str, list[str]] = {}


def on_files(files, config):
    global _references
    site = config.extra[CONTEXT_KEY]
    if site.tree.has(site.default.code, SOURCES_PAGE):
        _references = metadata.source_references(read_page_source(site.tree.path(site.default.code, SOURCES_PAGE)).body)
    return files


def on_page_markdown(markdown, page, config, files):
    _citations[page.file.src_uri] = metadata.cited_ids(markdown)
    return markdown


def on_page_context(context, page, config, nav):
    site = config.extra[CONTEXT_KEY]
    info = site.pages.get(page.file.src_uri)
    title = info.title if info else str(page.meta.get("title", ""))
    description = info.description if info else str(page.meta.get("description", ""))
    url = page.canonical_url
    language = site.language
    translated_in = [l.og_locale for l in site.languages if l == site.default or site.tree.has(l.code, page.file.src_uri) or info is None]
    kind = "article" if info and info.number else "website"
    tags = metadata.open_graph(title, description, url, language.og_locale, translated_in, kind)
    json_ld = []
    content_language = site.default.hreflang if info and info.untranslated else language.hreflang
    if page.file.src_uri == QA_PAGE:
        json_ld.append(metadata.faq_page(metadata.questions_and_answers(page.content), content_language, url))
    elif info and info.number:
        citations = [_references[i] for i in _citations.get(page.file.src_uri, []) if i in _references]
        json_ld.append(metadata.article(title, description, content_language, url, citations))
    context["page_metadata"] = metadata.PageMetadata(tags, [metadata.script_json(data) for data in json_ld])
    return context
