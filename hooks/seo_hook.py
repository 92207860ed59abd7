"""MkDocs hooks: Open Graph tags and JSON-LD (Article for chapters, FAQPage for the questions
page), and a Content-Security-Policy and referrer policy on every page (`seo/csp.py`)."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from guide.options import GuideOptions, site_options
from multilingual.context import CONTEXT_KEY
from multilingual.errors import event_handlers
from multilingual.html import script_json
from multilingual.sources import read_page_source
from multilingual.switcher import is_translated
from multilingual.templates import add_to_context
from seo import csp, metadata


class SeoHooks:
    def __init__(self) -> None:
        self.options = GuideOptions()
        self.references: dict[str, str] = {}
        self.citations: dict[str, list[str]] = {}
        self.with_policy = True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.options = site_options(config)  # read once per build, by the guide hook
        self.references, self.citations = {}, {}
        # MkDocs' dev server adds its live-reload script to each page as it serves it, so no hash can
        # be known at build time: a served preview (any `mkdocs serve`) goes without the policy.
        self.with_policy = not config.extra[CONTEXT_KEY].plan.serving
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        context = config.extra[CONTEXT_KEY]
        sources_page = self.options.sources_page
        if sources_page and context.tree.has(context.default.code, sources_page):
            body = read_page_source(context.tree.path(context.default.code, sources_page)).body
            self.references = metadata.source_references(body)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.citations[page.file.src_uri] = metadata.cited_ids(markdown)
        return markdown

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation,
    ) -> TemplateContext:
        site = config.extra[CONTEXT_KEY]
        info = site.pages.get(page.file.src_uri)
        title = info.title if info else str(page.title or "")
        description = (info.description if info else str(page.meta.get("description") or "")) or config.site_description or ""
        url = page.canonical_url or ""  # site_url is required (multilingual/context.py)
        translated_in = [l.og_locale for l in site.languages if is_translated(site.tree, l.code, page.file.src_uri)]
        is_article = bool(info and (info.number or (not self.options.number_chapters and not page.is_homepage)))
        tags = metadata.open_graph(title, description, url, site.language.og_locale, translated_in,
                                   "article" if is_article else "website")
        language = site.default.hreflang if info and info.untranslated else site.language.hreflang
        json_ld = []
        if self.options.faq_page and page.file.src_uri == self.options.faq_page:
            json_ld.append(metadata.faq_page(metadata.questions_and_answers(page.content or ""), language, url))
        elif is_article:
            citations = [self.references[i] for i in self.citations.get(page.file.src_uri, []) if i in self.references]
            json_ld.append(metadata.article(title, description, language, url, citations))
        scripts = [script_json(data) for data in json_ld]
        return add_to_context(context, page_metadata=metadata.PageMetadata(tags, scripts))

    @event_priority(-100)  # last: hash the page's inline scripts as they will be served
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return csp.with_policy(output) if self.with_policy else output

    @event_priority(-100)
    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if not self.with_policy or not template_name.endswith(".html"):
            return output
        return csp.with_policy(output)

    @event_priority(-100)  # after the language builds are in place: the root 404 shows their 404 pages
    def on_post_build(self, config: MkDocsConfig) -> None:
        context = config.extra[CONTEXT_KEY]
        if not self.with_policy or not context.is_default:
            return
        allow_language_404s(config.site_dir, [language.code for language in context.languages[1:]])


def allow_language_404s(site_dir: str, codes: list[str]) -> None:
    """The root 404 page writes the 404 page of the language whose folder a missing path is in over
    itself (GitHub Pages serves only the root 404.html): allow those pages' inline scripts too."""
    root_404 = os.path.join(site_dir, "404.html")
    if not os.path.isfile(root_404):
        return
    scripts = []
    for code in codes:
        page = os.path.join(site_dir, code, "404.html")
        if os.path.isfile(page):
            with open(page, encoding="utf-8") as file:
                scripts += csp.inline_scripts(file.read())
    with open(root_404, encoding="utf-8") as file:
        html = file.read()
    html = csp.strip_policy(html)
    with open(root_404, "w", encoding="utf-8") as file:
        file.write(csp.with_policy(html, scripts))


# MkDocs calls a hook file's on_* functions: here, the methods of one object.
hooks = SeoHooks()
globals().update(event_handlers(hooks))
