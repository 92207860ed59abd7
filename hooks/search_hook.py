"""MkDocs hooks: site search with Pagefind (the work is in hooks/search/).

Pages offer their topics to the search as a filter, in their language; Material's search box and
result list (overrides/partials/search.html) are driven by overrides/assets/search.js. Once every
language is built, the main build indexes each language into its own bundle, `<site>/pagefind/<code>/`;
`mkdocs serve` re-indexes the languages an edit changed (as the build's plan says), in the background,
after serving the page (and a next rebuild stops that indexing rather than wait for it). The handlers
are methods of one object: the indexing of each build is chosen in `on_config` (`search/indexing.py`);
the serve indexing lasts across rebuilds; the topic registry is topics_hook.py's.
"""

from __future__ import annotations

import logging
import os
import time

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from multilingual.context import CONTEXT_KEY, BuildContext
from multilingual.errors import event_handlers
from multilingual.languages import find_language
from multilingual.templates import add_to_context
from reuse import SEARCH_FOLDER, cache_folder
from search.bundles import bundle_href
from search.filters import FILTER, page_topic_labels, topic_options
from search.indexer import IndexResult, index_languages
from search.indexing import Indexing, ServeIndexing, indexing_for
from topics.registry import site_registry

log = logging.getLogger("mkdocs.plugins.search")


def report(results: list[IndexResult], context: BuildContext, seconds: float) -> None:
    """Log what was indexed; warn (so `--strict` fails) if a bundle holds pages of another language,
    or if a language with pages of its own has none in its index (the theme did not mark them)."""
    for result in results:
        if not result.pages and context.tree and context.tree.pages.get(result.code):
            log.warning(
                f"Search index of '{result.code}' is empty, yet docs/{result.code}/ has "
                f"{len(context.tree.pages[result.code])} page(s): no built page carries `data-pagefind-body`. "
                "The theme's `content` block that overrides/main.html wraps is missing or not rendered; "
                "check the theme (and its version) in mkdocs.yml."
            )
        expected = find_language(context.languages, result.code).hreflang.lower()
        if result.pages and result.languages != [expected]:
            log.warning(
                f"Search index of '{result.code}': pages in {', '.join(result.languages)}, expected only "
                f"{expected}. Give every page of docs/{result.code}/ <html lang=\"{expected}\">."
            )
    counts = ", ".join(f"{result.code} {result.pages}" for result in results)
    log.info(f"Search index: {counts} pages ({seconds:.1f}s)")


class SearchHooks:
    def __init__(self) -> None:
        self.serve_indexing = ServeIndexing()  # one per `mkdocs serve` session: kept across its rebuilds
        self.indexing: Indexing = Indexing()  # this build's
        self.cache_dir: str | None = None  # where bundles are kept for later builds (`search.stored`)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        context: BuildContext = config.extra[CONTEXT_KEY]
        assert context.plan is not None  # made in the multilingual hook's on_config (priority 100)
        self.indexing = indexing_for(context.is_default, context.plan.serving, self.serve_indexing)
        cache = cache_folder(config.extra, context.project_dir)
        self.cache_dir = os.path.join(cache, SEARCH_FOLDER) if cache else None
        return config

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        context: BuildContext = config.extra[CONTEXT_KEY]
        env.globals["search_filter"] = FILTER
        env.globals["search_topics"] = topic_options(site_registry(config), context.language.code)
        env.globals["search_bundle"] = lambda base_url: bundle_href(base_url, context.is_default, context.language.code)
        return env

    def on_page_context(
        self, page_context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation,
    ) -> TemplateContext:
        context: BuildContext = config.extra[CONTEXT_KEY]
        info = context.pages.get(page.file.src_uri)
        return add_to_context(page_context, page_topics=page_topic_labels(
            info.tags if info else (), site_registry(config), context.language.code))

    @event_priority(110)  # before the multilingual hook moves the language folders aside (100)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.indexing.before_build(config.site_dir)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.indexing.after_clean(config.site_dir)
        return files

    @event_priority(-50)  # after the multilingual hook has waited for the language builds (100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        context: BuildContext = config.extra[CONTEXT_KEY]
        codes = [language.code for language in context.languages]
        jobs = min(4, os.cpu_count() or 1)
        started = time.monotonic()

        def index(languages: list[str], cancel) -> list[IndexResult]:
            return index_languages(config.site_dir, languages, context.default.code, codes, jobs=jobs, cancel=cancel,
                                   cache_dir=self.cache_dir)

        assert context.plan is not None
        self.indexing.after_build(codes, context.plan.changed, index,
                                  lambda results: report(results, context, time.monotonic() - started))

    def on_shutdown(self) -> None:
        self.serve_indexing.stop()  # mkdocs serve: no Pagefind left reading the site folder MkDocs removes


# MkDocs calls a hook file's on_* functions: here, the methods of one object.
hooks = SearchHooks()
globals().update(event_handlers(hooks))
