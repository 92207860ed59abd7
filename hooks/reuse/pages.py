"""Reusing one language build's pages: each page's two stages (`keys.py`) are looked up before
they run and stored after, through MkDocs' page events.

- Content: the page's final Markdown is known in `on_page_markdown` (last). If its rendering is
  stored, the Markdown handed to MkDocs is empty (nothing to render), and the stored HTML, table of
  contents, title and anchors take its place in `on_page_content` (first), before any hook adds to
  it; MkDocs then checks every link to an anchor against the anchors of the pages as they are now.
- Template: the page's final content and context are known in `on_page_context` (last). If the
  whole page is stored, it goes into the context as `reused_page`, and `main.html` prints it as it
  is instead of the theme's layout; `on_post_page` (first) stores a page the theme rendered. The
  hooks' later `on_post_page` work (the Content-Security-Policy, `<html lang>`) runs on either.

A page whose stage logged a warning is not stored, so it is made again, and warns again, at every
build until it is fixed: a reused page never hides a warning from `--strict`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import cast

from markupsafe import Markup
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from multilingual.templates import add_to_context

from . import keys
from .store import PageStore
from .visits import PageVisits

REUSED_PAGE = "reused_page"  # the template context's key for a stored page (overrides/main.html)
CONTENT, TEMPLATE = "content", "page"  # the stages, as stored


@dataclass
class RenderedContent:
    """What MkDocs' rendering of a page's Markdown gives a page."""

    html: str
    title: str | None
    toc: object
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # linked page's src_uri -> {anchor: link as written}


def count_warnings(logger: logging.Logger) -> CountHandler:
    """A counter of the warnings (and errors) `logger` receives: MkDocs' own under `--strict`, or one
    added once (a language worker removes the handlers it inherits)."""
    for handler in logger.handlers:
        if isinstance(handler, CountHandler) and handler.level <= logging.WARNING:
            return handler
    counter = CountHandler(level=logging.WARNING)
    logger.addHandler(counter)
    return counter


def warnings_counted(counter: CountHandler) -> int:
    return sum(count for level, count in counter.counts.items() if level >= logging.WARNING)


@dataclass
class PendingPage:
    """A page between the lookup of a stage and its end."""

    content_key: str | None = None
    reused_content: RenderedContent | None = None
    markdown: str = ""
    template_key: str | None = None
    reused_page: bool = False
    warnings: int = 0
    visit_warnings: int = 0  # the warnings counted when the page's visit began

    def entries(self) -> list[str]:
        """The store's entries the page was made from."""
        return [f"{key}.{stage}" for key, stage in ((self.content_key, CONTENT), (self.template_key, TEMPLATE)) if key]


def made_summary(made: list[str]) -> str:
    """The pages a build rendered anew, in a few words: "2 made: a.md, b.md"."""
    return f"{len(made)} made" + (f": {', '.join(made[:3])}{', ...' if len(made) > 3 else ''}" if made else "")


@dataclass
class PageReuse:
    """One language build's reuse: its store (None: reuse is off), the build's inputs, the keys
    common to its pages, and what each page is waiting for."""

    store: PageStore | None
    warnings: CountHandler
    inputs: str = ""
    nav: object = None
    pages: int = 0  # the build's pages: a build that went through them all may forget the others
    content_base: str = ""
    template_base: str = ""
    pending: dict[str, PendingPage] = field(default_factory=dict)
    made: list[str] = field(default_factory=list)  # the pages the theme rendered (src_uri)
    reused: int = 0  # pages printed as stored
    visits: PageVisits = field(default_factory=lambda: PageVisits(None))

    def start(self, files, nav) -> None:
        """on_nav: the build's files are known."""
        self.nav, self.pages = nav, len(files.documentation_pages())
        self.content_base = keys.digest(self.inputs, keys.files_signature(files))

    def start_pages(self) -> None:
        """on_env: every page has been read, so the nav has its titles."""
        self.template_base = keys.digest(self.content_base, keys.nav_signature(getattr(self.nav, "items", ())))

    def before_render(self, page, markdown: str) -> str:
        """on_page_markdown (last): the Markdown MkDocs is to render, empty if its HTML is stored."""
        if self.store is None:
            return markdown
        key = keys.content_key(self.content_base, page.file.src_uri, page.url, markdown)
        stored = self.store.load(key, CONTENT)
        counted = warnings_counted(self.warnings)
        self.pending[page.file.src_uri] = PendingPage(key, stored, markdown, warnings=counted, visit_warnings=counted)
        return "" if stored is not None else markdown

    def after_render(self, page, html: str, files) -> str:
        """on_page_content (first): the stored HTML in place of the empty rendering, or the new HTML
        stored."""
        pending = self.pending.get(page.file.src_uri)
        if pending is None or pending.content_key is None or self.store is None:
            return html
        stored = pending.reused_content
        if stored is not None:
            page.markdown = pending.markdown
            page.title = stored.title
            page.toc = stored.toc
            page.present_anchor_ids = set(stored.anchors)
            page.links_to_anchors = {linked: anchors for uri, anchors in stored.links_to_anchors.items()
                                     if (linked := files.get_file_from_path(uri)) is not None}
            return stored.html
        if warnings_counted(self.warnings) == pending.warnings:
            self.store.save(pending.content_key, CONTENT, RenderedContent(
                html, page.title, page.toc, set(page.present_anchor_ids or ()),
                {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}))
        return html

    def before_template(self, page, context: TemplateContext) -> TemplateContext:
        """on_page_context (last): the stored page, if there is one, in the context."""
        if self.store is None or page.meta.get("template", "main.html") != "main.html":
            return context
        values = keys.context_values(cast(dict, context), skip=(REUSED_PAGE, "site_language"))
        if values is None:
            return context
        key = keys.template_key(self.template_base, page, values)
        pending = self.pending.setdefault(page.file.src_uri, PendingPage())
        pending.template_key, pending.warnings = key, warnings_counted(self.warnings)
        stored = self.store.load(key, TEMPLATE)
        if stored is not None:
            add_to_context(context, **{REUSED_PAGE: Markup(stored)})
            pending.reused_page = True
        return context

    def after_template(self, page, output: str) -> None:
        """on_post_page (first): store a page the theme rendered."""
        pending = self.pending.pop(page.file.src_uri, None) or PendingPage()
        warnings = warnings_counted(self.warnings)
        if pending.content_key is not None and warnings == pending.visit_warnings:
            self.visits.visited(page, pending.entries())
        if pending.reused_page:
            self.reused += 1
            return
        self.made.append(page.file.src_uri)
        if pending.template_key is not None and self.store is not None and warnings == pending.warnings:
            self.store.save(pending.template_key, TEMPLATE, output)

    def put_back(self, files) -> list:
        """on_env (first): the pages put back from the previous output (`visits`) as their visits left
        them, their store entries in use; those pages."""
        pages = self.visits.fill_in(files)
        if self.store is not None:
            for record in self.visits.kept.values():
                self.store.keep(record.entries)
        return pages

    def finish(self, site_dir: str) -> int:
        """on_post_build: keep what this build stored; after a build that went through all its pages
        (made, reused or put back), only what it used (a `--dirty` build goes through the edited
        pages only). Record the pages' visits. The number of entries left out."""
        if self.store is None:
            return 0
        self.visits.finish(site_dir)
        return self.store.write(complete=len(self.made) + self.reused + len(self.visits.kept) >= self.pages)
