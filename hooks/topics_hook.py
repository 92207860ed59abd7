"""MkDocs hooks: hashtag topics. Chips on every page with topics, a topics index and a page per
topic in every language (generated pages), and the topic list where a page asks for it
(`<!-- insert: topic-list -->`). The handlers are methods of one object whose state (the registry)
is made fresh in `on_config` of every build."""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from multilingual.context import CONTEXT_KEY
from multilingual.errors import event_handlers
from multilingual.html import has_marker, replace_marker
from multilingual.page_layout import add_page_block
from multilingual.strings import require_strings
from topics import pages as topic_pages
from topics.registry import REGISTRY_KEY, TopicRegistry, check_page_topics, load_topics

log = logging.getLogger("mkdocs.plugins.topics")
UI_KEYS = ("topics_title", "topics_description", "topics_intro", "topic_pages_count", "topic_pages_heading",
           "topic_related_heading", "topic_no_pages", "topic_no_related", "topics_label")


class TopicsHooks:
    def __init__(self) -> None:
        self.registry: TopicRegistry | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        context = config.extra[CONTEXT_KEY]
        path = context.project_path(str(config.extra.get("topics") or "data/topics.yml"))
        self.registry = config.extra[REGISTRY_KEY] = None
        if not os.path.isfile(path):
            return config
        self.registry, warnings = load_topics(path, [language.code for language in context.languages])
        config.extra[REGISTRY_KEY] = self.registry
        require_strings(context.ui, UI_KEYS, "the topic pages")
        for warning in warnings:
            if f"in '{context.language.code}'" in warning:
                log.warning(warning)
        return config

    @event_priority(50)  # after the multilingual hook has indexed every page of the language
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        context = config.extra[CONTEXT_KEY]
        pages = list(context.pages.values())
        for page in pages:
            check_page_topics(page.tags, self.registry, context.tree.path(
                context.default.code if page.untranslated else context.language.code, page.src_uri))
        if self.registry is None:
            return files
        code, ui, fragments, directory_urls = context.language.code, context.ui, context.fragments, config.use_directory_urls
        files.append(File.generated(config, topic_pages.INDEX_URI, content=topic_pages.topics_index(
            fragments, self.registry, pages, code, ui, directory_urls)))
        for topic in self.registry.topics:
            content = topic_pages.topic_page(fragments, topic, self.registry, pages, code, ui, directory_urls)
            files.append(File.generated(config, topic_pages.topic_uri(topic.slug), content=content))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.registry is None or not has_marker(markdown, "topic-list"):
            return markdown
        context = config.extra[CONTEXT_KEY]
        pages = list(context.pages.values())
        counts = {topic.slug: len(topic_pages.pages_with(pages, topic.slug)) for topic in self.registry.topics}
        topic_list = topic_pages.chips(context.fragments, list(self.registry.topics), context.language.code,
                                       page.url, context.ui["topics_label"], counts, config.use_directory_urls)
        return replace_marker(markdown, "topic-list", topic_list)

    def on_page_context(
        self, page_context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation,
    ) -> TemplateContext:
        """The page's topics as chips under its title."""
        context = config.extra[CONTEXT_KEY]
        info = context.pages.get(page.file.src_uri)
        if self.registry is None or info is None or not info.tags:
            return page_context
        topics = [topic for slug in info.tags if (topic := self.registry.get(slug)) is not None]  # checked in on_files
        row = topic_pages.chips(context.fragments, topics, context.language.code, page.url, context.ui["topics_label"],
                                directory_urls=config.use_directory_urls)
        return add_page_block(page_context, "topics", context.fragments.render("page-topics", chips=row))


# MkDocs calls a hook file's on_* functions: here, the methods of one object.
hooks = TopicsHooks()
globals().update(event_handlers(hooks))
