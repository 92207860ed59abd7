"""MkDocs hooks: site search with Pagefind (the work is in hooks/search/).

Pages offer their topics to the search as a filter, in their language; Material's search box and
result list (overrides/partials/search.html) are driven by overrides/assets/search.js. Once every
language is built, the main build indexes each language into its own bundle, `<site>/pagefind/<code>/`;
`mkdocs serve` re-indexes the languages an edit changed, in the background, after serving the page
(and a next rebuild stops that indexing rather than wait for it).
"""

from __future__ import annotations

import logging
import os
import time

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from search.bundles import bundle_href
from search.filters import FILTER, page_topic_labels, topic_options
from search.indexer import IndexResult, SearchIndexError, index_languages
from search.serve import ServeIndexing
from site_language import CONTEXT_KEY, DATA_DIR, SiteLanguage
from topics import TopicError, load_topics

log = logging.getLogger("mkdocs.plugins.search")
REGISTRY_PATH = os.path.join(DATA_DIR, "topics.yml")

_command: str | None = None  # "build", "serve" or "gh-deploy"
_serve = ServeIndexing()  # one per `mkdocs serve` session: kept across its rebuilds
_registry = None  # the topic registry, read again by every build (on_config)


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config):
    global _registry
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    try:
        _registry, _ = load_topics(REGISTRY_PATH, [language.code for language in site.languages])
    except TopicError as error:  # topics_hook reports the registry's problems; this is a backstop
        raise PluginError(str(error)) from None
    return config


def on_env(env, config, files):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    env.globals["search_filter"] = FILTER
    env.globals["search_topics"] = topic_options(_registry, site.language.code)
    env.globals["search_bundle"] = lambda base_url: bundle_href(base_url, site.is_default, site.language.code)
    return env


def on_page_context(context, page, config, nav):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    context["page_topics"] = page_topic_labels(page.meta.get("tags"), _registry, site.language.code)
    return context


def is_serving(site: SiteLanguage) -> bool:
    return site.is_default and _command == "serve"


@event_priority(100)  # first: stop the indexing before languages_hook moves the language folders aside
def on_pre_build(config) -> None:
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if is_serving(site):
        watched = [site.docs_root, DATA_DIR, config.config_file_path, config.theme.custom_dir]
        _serve.before_build(config.site_dir, watched)


def on_files(files, config):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if is_serving(site):
        _serve.after_clean(config.site_dir)
    return files


@event_priority(-100)  # last: after languages_hook has waited for the language builds
def on_post_build(config) -> None:
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if not site.is_default:
        return
    codes = [language.code for language in site.languages]
    started = time.monotonic()
    if _command == "serve":
        def index(code: str, cancel) -> IndexResult:
            return index_languages(config.site_dir, [code], site.default.code, codes, cancel=cancel)[0]

        _serve.after_build(site.docs_root, codes, index, lambda results: report(results, site, time.monotonic() - started), log)
        return
    try:
        results = index_languages(config.site_dir, codes, site.default.code, codes, jobs=min(4, os.cpu_count() or 1))
    except SearchIndexError as error:
        raise PluginError(f"The search index could not be built.\n{error}") from None
    report(results, site, time.monotonic() - started)


def report(results: list[IndexResult], site: SiteLanguage, seconds: float) -> None:
    """Log what was indexed; warn (so `--strict` fails) if a bundle holds pages of another language."""
    for result in results:
        expected = next(language.hreflang.lower() for language in site.languages if language.code == result.code)
        if result.pages and result.languages != [expected]:
            log.warning(
                f"Search index of '{result.code}': pages in {', '.join(result.languages)}, expected only "
                f"{expected}. Give every page of docs/{result.code}/ <html lang=\"{expected}\">."
            )
    counts = ", ".join(f"{result.code} {result.pages}" for result in results)
    log.info(f"Search index: {counts} pages ({seconds:.1f}s)")


def on_shutdown() -> None:
    _serve.stop()  # mkdocs serve: no Pagefind left reading the site folder MkDocs removes
