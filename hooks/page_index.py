"""What every page of a language build is, read from its source before MkDocs renders anything.

Topic pages, chapter cards and the translation status list other pages' titles, descriptions,
topics and reading times, so all sources are read (and checked) once, up front.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from page_sources import read_page_source
from reading_time import reading_minutes


@dataclass(frozen=True)
class PageInfo:
    """One page of a language build."""

    src_uri: str
    url: str
    title: str  # as shown: "3. Recovering trust" for numbered chapters (plain text, not HTML)
    description: str
    tags: list[str]
    minutes: int
    number: int | None  # chapter number, from the nav's order
    meta: dict = field(default_factory=dict)
    untranslated: bool = False  # built from the default language's source


def chapter_numbers(nav: object) -> dict[str, int]:
    """Chapter numbers from the nav: every top-level page after the home page, except topic pages."""
    entries = []
    for item in nav or []:
        path = item if isinstance(item, str) else next(iter(item.values()), None) if isinstance(item, dict) else None
        if isinstance(path, str) and path.endswith(".md"):
            entries.append(path)
    chapters = [path for path in entries[1:] if not path.startswith("tags/")]
    return {path: number for number, path in enumerate(chapters, start=1)}


def display_title(title: str, number: int | None) -> str:
    return f"{number}. {title}" if number else title


def safe_title(title: str) -> Markup:
    """A title as HTML-safe text: MkDocs and Material print titles unescaped, so a title such as
    `<b>` must reach them already escaped (and marked safe, so `| e` does not escape it twice)."""
    return Markup(escape(title))


def index_page(path: str, src_uri: str, url: str, code: str, number: int | None, untranslated: bool) -> PageInfo:
    source = read_page_source(path)
    meta = source.meta
    title = str(meta.get("title") or src_uri.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize())
    return PageInfo(
        src_uri=src_uri,
        url=url,
        title=display_title(title, number),
        description=str(meta.get("description") or ""),
        tags=list(meta.get("tags") or []) if isinstance(meta.get("tags"), list) else meta.get("tags"),
        minutes=reading_minutes(source.body, "en" if untranslated else code),
        number=number,
        meta=meta,
        untranslated=untranslated,
    )


def index_pages(files, code: str, numbers: dict[str, int], is_untranslated) -> dict[str, PageInfo]:
    """Read every Markdown page of a build (translated or not) once, checking its source.

    `is_untranslated(src_dir)` tells whether a page comes from the default language's folder."""
    return {
        file.src_uri: index_page(
            file.abs_src_path, file.src_uri, file.url, code,
            numbers.get(file.src_uri), is_untranslated(file.src_dir),
        )
        for file in files.documentation_pages()
        if file.abs_src_path and not file.generated_by
    }
