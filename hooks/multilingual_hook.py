"""MkDocs hooks of the multilingual engine: one `mkdocs build` writes the site in every language
of `extra.languages`.

The main build makes the default language at the site root and starts the other languages' builds
in worker processes (`builds/`); each of those runs these same hooks for its own language. The
handlers are the methods of one object: per-build state is made fresh in `on_config` (the build's
`BuildContext` and `Plan`), in the main build and in each worker alike. Each handler only wires a
MkDocs event to the functions that do the work.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Literal

from jinja2 import Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from builds import output, serve
from builds.plan import Plan
from builds.session import Session
from multilingual import assets, notices, sitemap
from multilingual.content_partial import check_content_partial
from multilingual.context import CONTEXT_KEY, BuildContext, configure
from multilingual.errors import event_handlers
from multilingual.files import add_language_files, is_untranslated
from multilingual.html import has_marker, replace_marker, require_in_theme_output, set_document_language
from multilingual.page_layout import add_page_block, heading_and_text
from multilingual.pages import index_pages, safe_title
from multilingual.status_page import status_table as render_status_table
from multilingual.strings import local_date, require_strings
from multilingual.switcher import home_links, switcher_links
from multilingual.templates import THEME_TEMPLATES, add_to_context
from multilingual.translation_history import stale_pages_changed_on
from multilingual.translation_status import STALE, status_table, untracked_warnings
from multilingual.tree import scan_docs
from multilingual.urls import alternates

log = logging.getLogger("mkdocs.plugins.languages")

UI_KEYS = ("fallback_notice", "fallback_link", "switcher_untranslated", "stale_notice", "stale_notice_dated",
           "stale_link", "unreviewed_note", "not_found_title", "not_found_text", "not_found_home")


def context_of(config) -> BuildContext:
    return config.extra[CONTEXT_KEY]


class MultilingualHooks:
    def __init__(self) -> None:
        self.session = Session()
        self.plan: Plan = Plan()

    def on_startup(self, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # The only hook that takes the command: the others read what it means from the build's plan.
        self.session.command, self.session.dirty = command, dirty

    @event_priority(100)  # first: every other hook reads the build's context and its plan
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.plan = Plan()  # until this build's plan is made: a failure before then has nothing to undo
        context, warnings = configure(config)
        self.plan = context.plan = self.session.plan_for(config, context)
        require_strings(context.ui, UI_KEYS, "the multilingual engine")
        for warning in warnings:
            log.warning(warning)
        # As escaped markup: the theme prints the site name both raw and through `| e` (which leaves
        # markup as it is), so a name such as "Q&A <draft>" is text everywhere, never an element.
        config.site_name = escape(context.ui.get("site_name") or config.site_name)
        config.theme.static_templates.discard(sitemap.THEME_TEMPLATE)  # ours is written in on_post_build
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.plan.before_clean(config)

    @event_priority(100)  # untranslated pages first, so later hooks see every page of the language
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.plan.after_clean(config)
        context = context_of(config)
        context.tree = scan_docs(context.docs_root, context.languages)
        assets.remove_unused(files, config)
        if not context.is_default:
            context.shared_urls = add_language_files(files, config, context)
            context.theme_urls = assets.share_theme_files(files, config)
        context.pages = index_pages(files, is_untranslated)
        context.status = status_table(context.tree, context.languages)
        context.changed_on = stale_pages_changed_on(context.status, context.tree)
        if context.is_default:
            report_translation_status(context)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Start the other languages once every hook has read and checked the sources: the forked
        workers inherit what was read, and a mistake stops the build before them."""
        self.plan.start_languages(config, context_of(config))
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Titles and descriptions are text, but MkDocs and Material print them as HTML: escape them,
        # for generated pages (topic labels) too.
        info = context_of(config).pages.get(page.file.src_uri)
        title = info.title if info is not None else page.meta.get("title") or page.title
        description = info.description if info is not None else page.meta.get("description")
        page.meta["title"] = safe_title(str(title))
        if description:
            page.meta["description"] = safe_title(str(description))
        if is_untranslated(page.file):
            page.meta.setdefault("search", {})["exclude"] = True  # keep other languages out of the index
        if has_marker(markdown, "translation-status"):
            markdown = replace_marker(markdown, "translation-status", translation_status_table(config, page))
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        context = context_of(config)
        return assets.point_to_default_copies(html, page.url, context.shared_urls, context.here(page.url))

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation,
    ) -> TemplateContext:
        site = context_of(config)
        assert site.tree is not None  # scanned in on_files
        site.page_urls.append(page.url)
        links = switcher_links(site.languages, site.language, site.tree, page.file.src_uri, page.url)
        add_to_context(context, language_links=links, site_language=site,
                       alternates=alternates(site.languages, site.root_site_url, page.url))
        return add_article(context, page, site)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        context = context_of(config)
        check_content_partial(env, config.theme.dirs, config.theme.custom_dir)  # ours stands in for the theme's
        env.globals["ui"] = context.ui
        env.globals["require_in_theme_output"] = require_in_theme_output  # overrides/main.html
        if context.theme_urls:  # a language below the root: its pages load the root's theme files
            assets.load_theme_files_from_root(env, context.theme_urls, lambda page: context.here(page.url),
                                              context.root_path)
        env.bytecode_cache = THEME_TEMPLATES  # compile Material's templates once per process
        return env

    def on_template_context(
        self, context: TemplateContext, template_name: str, config: MkDocsConfig,
    ) -> TemplateContext:
        site = context_of(config)
        add_to_context(context, site_language=site)
        if template_name == "404.html":
            add_to_context(context, language_links=home_links(site.languages, site.language, site.root_path))
            if site.is_default:
                add_to_context(context, not_found_languages={"root": site.root_path,
                                                             "codes": [l.code for l in site.languages[1:]]})
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return set_document_language(output, context_of(config).language, page.file.src_uri)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):
            return set_document_language(output, context_of(config).language, template_name)
        return output

    @event_priority(100)  # first: the other languages are in place before any hook reads the site
    def on_post_build(self, config: MkDocsConfig) -> None:
        context = context_of(config)
        included = context.languages if context.is_default else (context.language,)
        plan = self.plan
        sitemap.write_sitemap(config.site_dir, sitemap.render_sitemap(
            context.languages, included, context.root_site_url, context.page_urls),
            plan.previous_output if plan.previous_output_is_spare else None)
        plan.finish_languages()

    def on_build_error(self, error: Exception) -> None:
        self.plan.fail()
        if isinstance(error, OSError):  # a full disk, say: one message, not MkDocs' traceback
            raise Abort(output.write_failure(error, getattr(self.plan, "site_dir", None) or "site"))

    def on_shutdown(self) -> None:
        self.plan.close()

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        context = context_of(config)
        for path in serve.watched_paths(config, context):
            server.watch(path)
        try:  # docs/<default> is inside docs/: watched twice, one edit would trigger two rebuilds
            server.unwatch(config.docs_dir)
        except KeyError:
            pass
        return server


def add_article(context: TemplateContext, page: Page, site: BuildContext) -> TemplateContext:
    """The page's heading and text for the content partial (an untranslated page's marked with their
    language), and its translation notice and note around them."""
    heading, text = heading_and_text(page.content or "", page.file.abs_src_path or page.file.src_uri)
    href = site.original_href(page.url)
    above: Markup | None
    below: Markup | None
    if is_untranslated(page.file):
        heading, text = notices.untranslated_heading_and_text(site.fragments, heading, text, page.title, site.default)
        above, below = notices.fallback_notice(site.fragments, site.ui, site.language, site.default, href), None
    else:
        above, below = notices.translation_notices(
            site.fragments, site.status.get((site.language.code, page.file.src_uri)), site.ui, site.default, href,
            changed_on(site, page.file.src_uri))
    if above:
        add_page_block(context, "translation-notice", above)
    if below:
        add_page_block(context, "translation-review", below)
    return add_to_context(context, page_heading=heading, page_text=text)


def changed_on(context: BuildContext, src_uri: str) -> str | None:
    """The date the original of a page last changed, in the reader's language, if git knows it."""
    iso_date = context.changed_on.get(src_uri)
    return local_date(iso_date, context.language.hreflang) if iso_date else None


def translation_status_table(config, page) -> str:
    context = context_of(config)
    return render_status_table(context.fragments, context.status, context.languages, context.pages,
                               context.here(page.url), context.ui)


def report_translation_status(context: BuildContext) -> None:
    """The main build tells the maintainer which translations are out of date, and warns about
    those that record no source at all (they cannot be told out of date)."""
    stale = [f"{code}/{uri}" for (code, uri), status in sorted(context.status.items()) if status.state == STALE]
    if stale:
        log.info(f"Translations older than their {context.default.name} page ({len(stale)}): {', '.join(stale)}")
    for warning in untracked_warnings(context.status, context.tree):
        log.warning(warning)


# MkDocs calls a hook file's on_* functions: here, the methods of one object.
hooks = MultilingualHooks()
globals().update(event_handlers(hooks))
