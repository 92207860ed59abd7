"""MkDocs hooks: this guide's own blocks, each switched on in mkdocs.yml (`guide/options.py`):
chapter numbers, reading time and the home page's chapter cards; the safety notice; the help page's
helplines; the contact link; and a check that a deployed build carries no placeholder address.
The handlers are methods of one object whose state is made fresh in `on_config` of every build."""

from __future__ import annotations

import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from guide.chapters import as_chapters, chapter_cards, chapter_numbers
from guide.help_page import render_help
from guide.helplines import Helplines, load_helplines
from guide.reading_time import KnownReadingTimes
from guide.options import OPTIONS_KEY, GuideOptions, GuideOptionsError, placeholder_addresses, read_options
from guide.safety import help_href, help_link, needs_safety_notice, safety_notice
from multilingual.context import BUILD_LANGUAGE_KEY, CONTEXT_KEY
from multilingual.errors import event_handlers
from multilingual.html import has_marker, replace_marker
from multilingual.page_layout import add_page_block
from multilingual.sources import read_page_source
from multilingual.strings import require_strings
from reuse import FACTS_FOLDER, cache_folder

HELPLINE_KEYS = ("danger_lead", "danger_countries_link", "directory_lead", "helplines_heading", "helplines_intro",
                 "helpline_source", "helpline_confirm", "helplines_other_countries", "list_separator",
                 "help_general", "help_police", "help_ambulance", "help_fire", "help_violence", "help_crisis",
                 "help_no_number")
HELP_LINK_KEYS = ("help_link_label", "help_link_hint")
SAFETY_KEYS = ("safety_title", "safety_text", "safety_link")


def deploy_check(config, options: GuideOptions, environ) -> None:
    """A build in GitHub Actions publishes the site: refuse one that would carry a placeholder."""
    placeholders = placeholder_addresses(config.site_url, options)
    if environ.get("GITHUB_ACTIONS") == "true" and placeholders:
        raise GuideOptionsError(
            f"mkdocs.yml: this build runs in GitHub Actions, so its site would be published with the "
            f"placeholder address(es) {'; '.join(placeholders)}. Set SITE_URL (the deploy workflow takes it "
            "from actions/configure-pages) and extra.contact_url (or leave it unset: it then follows "
            "GITHUB_REPOSITORY)."
        )


class GuideHooks:
    def __init__(self) -> None:
        self.options = GuideOptions()
        self.helplines: Helplines | None = None

    @event_priority(90)  # after the build's context (100); the SEO hook reads the options it keeps
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        context = config.extra[CONTEXT_KEY]
        self.options = options = config.extra[OPTIONS_KEY] = read_options(config.extra)
        if not config.extra.get(BUILD_LANGUAGE_KEY):
            deploy_check(config, options, os.environ)
        self.helplines = load_helplines(context.project_path(options.helplines)) if options.helplines else None
        require_strings(context.ui, ("reading_time",), "the guide's reading time")
        if options.safety_topics:
            require_strings(context.ui, SAFETY_KEYS, "the safety notice (extra.safety_topics)")
        if self.helplines:
            require_strings(context.ui, HELPLINE_KEYS, "the helplines (extra.helplines)")
        if options.quick_exit_url:
            require_strings(context.ui, ("quick_exit_label", "quick_exit_hint"), "the quick exit (extra.quick_exit_url)")
        if options.help_page or options.help_url:
            require_strings(context.ui, HELP_LINK_KEYS, "the help link of every page (extra.help_page)")
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Every page's help link (beside the quick exit): the help page of this language, or the help address."""
        context = config.extra[CONTEXT_KEY]
        env.globals["help_link"] = lambda base_url: help_link(self.options, context.pages, base_url)
        return env

    @event_priority(90)  # after the multilingual hook indexed the pages, before the topic pages list them
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        context = config.extra[CONTEXT_KEY]
        numbers = chapter_numbers(config.nav, context.pages) if self.options.number_chapters else {}
        cache = cache_folder(config.extra, context.project_dir)
        times = KnownReadingTimes(os.path.join(cache, FACTS_FOLDER, f"{context.language.code}.minutes") if cache else None)
        context.pages = as_chapters(context.pages, numbers, context.language.code, context.default.code,
                                    lambda page: read_page_source(source_path(context, page)).body, times.minutes)
        times.save()
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        context = config.extra[CONTEXT_KEY]
        blocks = {
            "safety-note": lambda: safety_notice(context.fragments, context.ui, help_href(self.options, context.pages, page.url)),
            "chapter-cards": lambda: chapter_cards(context.fragments, list(context.pages.values()), page.url, context.ui),
            "helplines": lambda: render_help(context.fragments, self.helplines, context.language.code,
                                             context.language.hreflang, context.ui) if self.helplines else "",
        }
        for name, render in blocks.items():
            if has_marker(markdown, name):
                markdown = replace_marker(markdown, name, render())
        # `[...](contact:)`: the configured contact address, or plain text if the site has none.
        if self.options.contact_url:
            return markdown.replace("](contact:)", f"]({self.options.contact_url})")
        return markdown.replace("](contact:)", "]()")

    def on_page_context(
        self, page_context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation,
    ) -> TemplateContext:
        """A chapter's reading time, and the safety notice where the page needs it, under its title."""
        context = config.extra[CONTEXT_KEY]
        info = context.pages.get(page.file.src_uri)
        if info is None:
            return page_context
        if info.number and info.minutes:
            add_page_block(page_context, "reading-time",
                           context.fragments.render("reading-time", ui=context.ui, minutes=info.minutes))
        if needs_safety_notice(info.tags, info.meta, self.options):
            href = help_href(self.options, context.pages, page.url)
            add_page_block(page_context, "safety-notice", safety_notice(context.fragments, context.ui, href))
        return page_context


def source_path(context, page) -> str:
    return context.tree.path(context.default.code if page.untranslated else context.language.code, page.src_uri)


# MkDocs calls a hook file's on_* functions: here, the methods of one object.
hooks = GuideHooks()
globals().update(event_handlers(hooks))
