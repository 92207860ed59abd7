"""MkDocs hooks: pages reused from earlier builds. A page made from the same inputs as one an earlier
build stored (in `extra.build_cache`, `.cache/` by default) is not rendered again; `hooks/reuse/`
says what a page's inputs are and how its two stages are looked up and stored. The handlers are
methods of one object whose state (`PageReuse`) is made fresh in `on_config` of every build."""

from __future__ import annotations

import logging
import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from builds.workers import build_logger
from multilingual.context import CONTEXT_KEY, BuildContext
from multilingual.errors import event_handlers
from reuse import PAGES_FOLDER, PAGES_MADE_KEY, PAGES_PUT_BACK_KEY, cache_folder, inputs_of
from reuse.pages import PageReuse, count_warnings, made_summary
from reuse.store import PageStore
from reuse.visits import VISITS_SUFFIX, PageVisits, language_signature, named_pages

log = logging.getLogger("mkdocs.plugins.reuse")


class ReuseHooks:
    def __init__(self) -> None:
        self.reuse = PageReuse(None, count_warnings(build_logger()))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        context: BuildContext = config.extra[CONTEXT_KEY]
        folder = cache_folder(config.extra, context.project_dir)
        inputs = inputs_of(config, context, folder)
        store = PageStore(os.path.join(folder, PAGES_FOLDER), inputs, context.language.code) if folder else None
        self.reuse = PageReuse(store, count_warnings(build_logger()), inputs)
        if store is not None:
            self.reuse.visits = PageVisits(store.path.removesuffix(".pages") + VISITS_SUFFIX, store.cache_dir)
        config.extra[PAGES_MADE_KEY] = self.reuse.made if store else None  # a language build reports it
        return config

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Every source has been read into the index and every file is known, so the pages that
        nothing changed for are put back now, before MkDocs reads any."""
        context: BuildContext = config.extra[CONTEXT_KEY]
        self.reuse.start(files, nav)
        if self.reuse.visits.records_path is not None and context.plan is not None:
            signature = language_signature(self.reuse.inputs, files, nav.items, context, named_pages(config.extra))
            self.reuse.visits.plan(signature, files, config, context, context.plan.previous_output,
                                   context.plan.previous_output_is_spare)
        return nav

    @event_priority(-1000)  # last: the Markdown as every hook left it is what is rendered
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.reuse.before_render(page, markdown)

    @event_priority(1000)  # first: the rendering, stored or new, before any hook adds to it
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.reuse.after_render(page, html, files)

    @event_priority(1000)  # first: the pages put back have their titles before any hook reads the nav
    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        pages = self.reuse.put_back(files)
        config.extra[PAGES_PUT_BACK_KEY] = len(pages)  # a language build reports it
        config.extra[CONTEXT_KEY].page_urls.extend(page.url for page in pages)  # in the sitemap too
        self.reuse.start_pages()
        return env

    @event_priority(-1000)  # last: every hook's values are in the context
    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        return self.reuse.before_template(page, context)

    @event_priority(1000)  # first: the page as the theme made it, before the others' last touches
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.reuse.after_template(page, output)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.reuse.visits.check_links(config.validation.links.anchors)
        removed = self.reuse.finish(config.site_dir)
        if config.extra[CONTEXT_KEY].is_default and self.reuse.store is not None:  # the others' builds report theirs
            log.info(f"Pages {made_summary(self.reuse.made)}; reused: {self.reuse.reused}; "
                     f"put back: {len(self.reuse.visits.kept)}")
        log.debug(f"Stored pages no build uses any more, removed: {removed}")


hooks = ReuseHooks()
globals().update(event_handlers(hooks))
