"""MkDocs hooks: hashtag topics. Chips on every page with topics, a topics index and a page per topic
in every language (generated pages), and the home page's topic list.
"""

from __future__ import annotations

import logging
import os

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import topic_pages
from page_html import insert_after_title, replace_marker
from site_language import CONTEXT_KEY, DATA_DIR
from topics import TopicError, TopicRegistry, check_page_topics, load_topics

log = logging.getLogger("mkdocs.plugins.topics")
REGISTRY_PATH = os.path.join(DATA_DIR, "topics.yml")

_registry: TopicRegistry | None = None


def on_config(config):
    global _registry
    site = config.extra[CONTEXT_KEY]
    try:
        _registry, warnings = load_topics(REGISTRY_PATH, [language.code for language in site.languages])
    except TopicError as error:
        raise PluginError(str(error)) from None
    for warning in warnings:
        if f"in '{site.language.code}'" in warning:
            log.warning(warning)
    return config


@event_priority(50)  # after languages_hook has indexed every page of the language
def on_files(files: Files, config) -> Files:
    site = config.extra[CONTEXT_KEY]
    pages = list(site.pages.values())
    for page in pages:
        try:
            check_page_topics(page.tags, _registry, os.path.join(site.docs_root, site.language.code if not page.untranslated else site.default.code, page.src_uri))
        except TopicError as error:
            raise PluginError(str(error)) from None
    code, ui = site.language.code, site.ui
    files.append(File.generated(config, topic_pages.INDEX_URI, content=topic_pages.topics_index(_registry, pages, code, ui)))
    for topic in _registry.topics:
        content = topic_pages.topic_page(topic, _registry, pages, code, ui)
        files.append(File.generated(config, topic_pages.topic_uri(topic.slug), content=content))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "insert: topic-list" not in markdown:  # only the home page lists every topic
        return markdown
    site = config.extra[CONTEXT_KEY]
    pages = list(site.pages.values())
    counts = {topic.slug: len(topic_pages.pages_with(pages, topic.slug)) for topic in _registry.topics}
    topic_list = topic_pages.chip_list(list(_registry.topics), site.language.code, page.url, site.ui["topics_label"], counts)
    return replace_marker(markdown, "topic-list", topic_list)


def on_page_content(html: str, page, config, files) -> str:
    site = config.extra[CONTEXT_KEY]
    info = site.pages.get(page.file.src_uri)
    if info is None:
        return html
    parts = []
    if info.number:
        parts.append(f'<p class="reading-time">{escape(site.ui["reading_time"].format(minutes=info.minutes))}</p>')
    if info.tags:
        topics = [_registry.get(slug) for slug in info.tags]
        parts.append(topic_pages.chip_list(topics, site.language.code, page.url, site.ui["topics_label"]))
    if not parts:
        return html
    # data-search-exclude: Material's search leaves it out; the same chips on every page are noise.
    return insert_after_title(html, f'<div class="page-topics" data-search-exclude>{"".join(parts)}</div>')
