"""MkDocs hooks: one `mkdocs build` writes the site in every language of `extra.languages`.

The main build makes the default language at the site root and starts the other languages' builds
in worker processes (`language_builds`); each of those runs these same hooks for its own language.
Every handler here only wires MkDocs events to the functions that do the work.
"""

from __future__ import annotations

import logging
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

import fallback
import serve_rebuilds
import sitemap
import template_cache
import theme_assets
from docs_tree import DocsTreeError, scan_docs
from page_index import chapter_numbers, index_pages
from page_sources import SourceError
from language_builds import BuildRequest, LanguageBuilds, preload_shared_data
from languages import LanguageTableError
from site_language import CONTEXT_KEY, DATA_DIR, SiteLanguage, configure, set_document_language
from switcher import home_links, switcher_links
from ui_strings import UiStringsError, load_ui_strings
from urls import alternates

log = logging.getLogger("mkdocs.plugins.languages")
UI_STRINGS_DIR = os.path.join(DATA_DIR, "ui")

_command: str | None = None  # "build", "serve" or "gh-deploy"; None inside a worker
_builds: LanguageBuilds | None = None
_site_dir: str | None = None  # the main build's output, removed if the build fails
# mkdocs serve (see serve_rebuilds): the watched files' versions at the last build, the languages this
# rebuild waits for, and the language builds of the last rebuild still finishing in the background.
_versions: dict | None = None
_waiting: list[str] = []
_background: LanguageBuilds | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    if command == "serve":  # every rebuild forks the workers anew from this process
        logging.getLogger("jieba").setLevel(logging.WARNING)
        preload_shared_data()


@event_priority(100)  # before Material's search plugin reads the theme language
def on_config(config):
    global _site_dir
    _site_dir = config.site_dir
    logging.getLogger("jieba").setLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG
    try:
        site = configure(config)
        site.ui, warnings = load_ui_strings(UI_STRINGS_DIR, site.language.code, site.default.code)
    except (LanguageTableError, UiStringsError) as error:
        raise PluginError(str(error)) from None
    for warning in warnings:
        log.warning(warning)
    config.site_name = site.ui["site_name"]
    return config


def on_pre_build(config) -> None:
    """mkdocs serve: let the last rebuild's languages finish, and keep their pages served while MkDocs
    empties the site folder (it keeps hidden entries)."""
    global _background
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if site.is_default and _command == "serve":
        if _background is not None:
            _background.wait()
            _background = None
        serve_rebuilds.hold(config.site_dir, [language.code for language in site.languages[1:]])


@event_priority(100)  # fallback pages first, so later hooks see every page of the language
def on_files(files: Files, config) -> Files:
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if site.is_default and _command == "serve":
        serve_rebuilds.restore(config.site_dir, [language.code for language in site.languages[1:]])
    try:
        site.tree = scan_docs(site.docs_root, site.languages)
    except DocsTreeError as error:
        raise PluginError(str(error)) from None
    if not site.is_default:
        default_dir = os.path.join(site.docs_root, site.default.code)
        for src_uri in site.tree.missing(site.language.code):
            files.append(File(src_uri, default_dir, config.site_dir, config.use_directory_urls))
    theme_assets.remove_unused(files, config)
    try:
        site.pages = index_pages(files, site.language.code, chapter_numbers(config.nav), site.is_fallback)
    except SourceError as error:
        raise PluginError(str(error)) from None
    return files


def on_nav(nav, config, files):
    """The main build starts the other languages' builds once every hook has read and checked the
    sources: the forked workers inherit what it read, and a mistake stops the build before them."""
    global _builds, _waiting
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if site.is_default:
        codes = [language.code for language in site.languages[1:]]
        _waiting = serve_waits_for(config, site, codes) if _command == "serve" else codes
        # mkdocs serve: each language is built aside, then swapped in (its last pages stay served).
        staging = os.path.join(site.root_site_dir, serve_rebuilds.STAGING) if _command == "serve" else None
        _builds = LanguageBuilds([
            BuildRequest(config.config_file_path, code, staging or site.root_site_dir, site.root_site_url,
                         publish_dir=site.root_site_dir if staging else None)
            for code in _waiting + [code for code in codes if code not in _waiting]  # awaited ones first
        ])
    return nav


def serve_waits_for(config, site: SiteLanguage, codes: list[str]) -> list[str]:
    """The languages a `mkdocs serve` rebuild waits for: those whose pages changed since the last one."""
    global _versions
    watched = [site.docs_root, DATA_DIR, config.config_file_path, config.theme.custom_dir]
    versions = serve_rebuilds.file_versions(path for path in watched if path)
    changed = serve_rebuilds.languages_to_wait_for(_versions, versions, site.docs_root, [site.default.code, *codes])
    _versions = versions
    return [code for code in codes if code in changed]


def on_page_markdown(markdown: str, page, config, files) -> str:
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if site.is_fallback(page.file.src_dir):
        page.meta.setdefault("search", {})["exclude"] = True  # keep other languages out of the index
    return markdown


@event_priority(-100)  # last: wrap the page's final content
def on_page_content(html: str, page, config, files) -> str:
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    if not site.is_fallback(page.file.src_dir):
        return html
    notice = fallback.fallback_notice(site.ui, site.language, site.original_href(page.url), site.default)
    return notice + fallback.wrap_untranslated(html, page.title, site.default)


def on_page_context(context, page, config, nav):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    context["language_links"] = switcher_links(
        site.languages, site.language, site.tree, page.file.src_uri, page.url
    )
    context["alternates"] = alternates(site.languages, site.root_site_url, page.url)
    context["site_language"] = site
    site.page_urls.append(page.url)
    return context


def on_env(env, config, files):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    env.globals["ui"] = site.ui
    env.bytecode_cache = template_cache.SHARED  # compile Material's templates once per process
    return env


def on_template_context(context, template_name, config):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    context["site_language"] = site
    if template_name == "404.html":
        context["language_links"] = home_links(site.languages, site.language, site.root_path)
        if site.is_default:
            codes = [language.code for language in site.languages[1:]]
            context["not_found_languages"] = {"root": site.root_path, "codes": codes}
    return context


def on_post_page(output: str, page, config) -> str:
    return set_document_language(output, config.extra[CONTEXT_KEY].language)


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name.endswith(".html"):
        return set_document_language(output, config.extra[CONTEXT_KEY].language)
    return output


def on_post_build(config) -> None:
    global _builds, _background
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    included = site.languages if site.is_default else (site.language,)
    sitemap_xml = sitemap.render_sitemap(site.languages, included, site.root_site_url, site.page_urls)
    sitemap.write_sitemap(config.site_dir, sitemap_xml)
    if site.is_default and _builds is not None:
        builds, _builds = _builds, None
        if _command != "serve":
            report_builds(builds.results())
            return
        results = builds.results(_waiting)  # the others go on in the background
        waited = set(_waiting)
        builds.finish_in_background(lambda results: report_builds(results, skip=waited, background=True))
        _background = builds
        report_builds(results, announce=False)


def report_builds(results, skip=frozenset(), announce=True, background=False) -> None:
    """Log the language builds' warnings (but those of `skip`, already logged) and failures."""
    for result in results:
        if result.code not in skip:
            for level, message in result.warnings:
                log.log(level, f"[{result.code}] {message}")
    failed = [result for result in results if result.error and result.code not in skip]
    if failed:
        message = "\n".join(f"Building language '{r.code}' failed: {r.error}" for r in failed)
        if background:  # nothing to stop any more: tell, and keep serving the language's last pages
            log.error(message)
            return
        raise PluginError(message)
    if announce:
        log.info("Languages built: " + ", ".join(f"{r.code} {r.seconds:.1f}s" for r in results))


def on_build_error(error) -> None:
    """Never leave a half-built site that looks whole: stop the workers, empty the output."""
    global _builds
    if _builds is not None:
        builds, _builds = _builds, None
        builds.cancel()
    if _command == "build" and _site_dir and os.path.isdir(_site_dir):
        clean_directory(_site_dir)
        log.error(f"The build failed; emptied {_site_dir} so that no incomplete site is left behind.")


def on_shutdown() -> None:
    if _background is not None:  # mkdocs serve: let the workers finish before the site is removed
        _background.wait()


def on_serve(server, config, builder):
    site: SiteLanguage = config.extra[CONTEXT_KEY]
    server.watch(site.docs_root)
    try:  # docs/<default> is inside docs/: watched twice, one edit would trigger two rebuilds
        server.unwatch(config.docs_dir)
    except KeyError:
        pass
    server.watch(DATA_DIR)
    return server
