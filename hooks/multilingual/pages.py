"""What every page of a language build is, read from its source before MkDocs renders anything.

Topic pages, listings and the translation status show other pages' titles and descriptions, so all
sources are read (and checked) once, up front. Every field follows MkDocs' own fallbacks, so any
ordinary Markdown page works: front matter, title, description and tags are all optional.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .sources import SourceError, read_page_source


@dataclass(frozen=True)
class PageInfo:
    """One page of a language build."""

    src_uri: str
    url: str
    title: str  # as shown (plain text, not HTML); features may add to it, e.g. a chapter number
    description: str  # "" when the page has none
    tags: tuple[str, ...]  # topic slugs from the front matter, unchecked
    meta: dict = field(default_factory=dict)
    untranslated: bool = False  # built from the default language's source
    number: int | None = None  # chapter number, when a feature numbers pages
    minutes: int | None = None  # reading time, when a feature computes it


_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX_H1 = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$")
_SETEXT_H1 = re.compile(r"^=+[ \t]*$")
_ATTR_LIST = re.compile(r"\s*\{[:#.][^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`|(?<!\w)_|_(?!\w))")


def heading_text(markdown_heading: str) -> str:
    """The text a reader sees of a Markdown heading: no attribute list, links, emphasis or tags."""
    text = _ATTR_LIST.sub("", markdown_heading)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    return html.unescape(text).strip()


def first_heading(body: str) -> str | None:
    """The text of the first level-1 heading of a Markdown body (`# Title` or `Title` over `===`),
    outside code blocks; None if it has none."""
    fenced = False
    previous = ""
    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            match = _ATX_H1.match(line)
            if match:
                return heading_text(match.group(1)) or None
            if previous.strip() and _SETEXT_H1.match(line):
                return heading_text(previous) or None
        previous = "" if fenced else line
    return None


def title_from_file_name(src_uri: str) -> str:
    """MkDocs' rule: `index.md` at the top is the home page; else the file name, capitalised if it
    is all lowercase (`getting-started.md` -> "Getting started"); a folder's index is the folder."""
    if src_uri == "index.md":
        return "Home"
    parts = src_uri.removesuffix(".md").split("/")
    name = parts[-2] if parts[-1] in ("index", "README") and len(parts) > 1 else parts[-1]
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def meta_text(meta: dict, key: str, path: str) -> str:
    """A front matter value that must be text (a number is taken as text)."""
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise SourceError(f"{path}: `{key}` must be text, e.g. `{key}: Some words`, not a {type(value).__name__}.")
    return str(value).strip()


def page_tags(meta: dict, path: str) -> tuple[str, ...]:
    """The page's topic slugs: none, a list, or one slug written as plain text."""
    tags = meta.get("tags")
    if tags is None or tags == "":
        return ()
    if isinstance(tags, str):
        return (tags.strip(),)
    if isinstance(tags, list) and all(isinstance(tag, (str, int)) for tag in tags):
        return tuple(str(tag) for tag in tags)
    raise SourceError(f"{path}: `tags` must be a list of topic slugs, e.g. `tags: [trust, betrayal]`.")


def page_title(meta: dict, body: str, src_uri: str, path: str) -> str:
    """A page's title as MkDocs gives it: its front matter's, its first heading, or its file name's."""
    return meta_text(meta, "title", path) or first_heading(body) or title_from_file_name(src_uri)


def index_page(path: str, src_uri: str, url: str, untranslated: bool) -> PageInfo:
    source = read_page_source(path)
    meta = source.meta
    title = page_title(meta, source.body, src_uri, path)
    return PageInfo(
        src_uri=src_uri,
        url=url,
        title=title,
        description=meta_text(meta, "description", path),
        tags=page_tags(meta, path),
        meta=meta,
        untranslated=untranslated,
    )


def index_pages(files, is_untranslated) -> dict[str, PageInfo]:
    """Read every Markdown page of a build (translated or not) once, checking its source.

    `is_untranslated(file)` tells whether a page is built from the default language's source."""
    return {
        file.src_uri: index_page(file.abs_src_path, file.src_uri, file.url, is_untranslated(file))
        for file in files.documentation_pages()
        if file.abs_src_path and not file.generated_by
    }


def safe_title(title: str) -> Markup:
    """A title as HTML-safe text: MkDocs and Material print titles unescaped, so a title such as
    `<b>` must reach them already escaped (and marked safe, so `| e` does not escape it twice)."""
    return Markup(escape(title))
