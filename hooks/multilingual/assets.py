"""Files that are not pages, in each language build.

Theme files (the theme's CSS and JavaScript, and ours in overrides/assets/): the default language's
build writes them once, at the site root; every other language's pages load that copy
(`SharedThemeFile`, `load_theme_files_from_root`), so a reader who switches language fetches none
of them again and the site holds one copy, not twelve. Files no page loads are left out of every
build: source maps (`*.map`) and the lunr scripts of search languages the build does not use.

Files of `docs/<default>/` (images, PDFs...): every language uses the default language's copy unless
`docs/<code>/` has its own, so a site with 10 MB of images holds 10 MB of images, not 120.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin, urlsplit

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.structure.files import File

from .urls import relative_href

LUNR_DIR = "assets/javascripts/lunr/"
SEARCH_WORKER = "assets/javascripts/workers/search."  # Material's lunr search worker


def lunr_scripts(languages: list[str]) -> set[str]:
    """The lunr scripts Material's search worker imports for an index in `languages`: the same rule
    as its `importScripts` call (assets/javascripts/workers/search.*.js)."""
    names = set()
    for language in languages:
        if language == "ja":
            names.add("tinyseg.js")
        elif language in ("hi", "th"):
            names.add("wordcut.js")
        if language != "en":
            names.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        names.add("min/lunr.multi.min.js")
    if names:
        names.add("min/lunr.stemmer.support.min.js")
    return {LUNR_DIR + name for name in names}


def is_unused(src_uri: str, search_languages: list[str] | None) -> bool:
    """Whether a theme file is never loaded by the pages of a build whose search index is in
    `search_languages` (None: the build has no search)."""
    if src_uri.endswith(".map"):
        return True
    if src_uri.startswith(LUNR_DIR):
        return search_languages is None or src_uri not in lunr_scripts(search_languages)
    if src_uri.startswith(SEARCH_WORKER):
        return search_languages is None
    return False


def remove_unused(files, config) -> None:
    """Drop from a build's files the theme files its pages never load (see `is_unused`)."""
    search = config.plugins.get("material/search")
    languages = list(search.config.lang) if search is not None else None
    for file in list(files):
        if (file.abs_src_path or "").startswith(theme_dirs(config)) and is_unused(file.src_uri, languages):
            files.remove(file)


def theme_dirs(config) -> tuple[str, ...]:
    return tuple(os.path.join(os.path.abspath(folder), "") for folder in config.theme.dirs)


class NotCopiedFile(File):
    """A file a language build knows (so links to it validate) but does not write: the site keeps
    one copy, elsewhere."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class SharedThemeFile(NotCopiedFile):
    """A theme file in the build of a language other than the default; its pages load the root copy."""


def share_theme_files(files, config) -> set[str]:
    """Make a language build's theme files `SharedThemeFile`s; their URLs (as the theme names them)."""
    urls = set()
    for file in list(files):
        if (file.abs_src_path or "").startswith(theme_dirs(config)):
            files.remove(file)
            files.append(SharedThemeFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls))
            urls.add(file.url)
    return urls


def root_copy(value: str, here: str | None, root_path: str) -> str:
    """The address of the site root's copy of theme file `value` from a page `here` below the site
    root (None: a page served at any address, the 404 page, which needs an absolute path)."""
    return root_path + value if here is None else relative_href(here, value)


def load_theme_files_from_root(env, theme_urls: set[str], here, root_path: str) -> None:
    """Point the theme's `url` and `script_tag` filters at the root copies of `theme_urls`.
    `here(page)` is a page's path below the site root, or None for the 404 page."""
    url_filter, script_tag_filter = env.filters["url"], env.filters["script_tag"]

    def where(context) -> str | None:
        page = context.get("page")
        return None if page is None or page.url == "404.html" else here(page)

    @pass_context
    def url(context, value):
        if str(value) not in theme_urls:
            return url_filter(context, value)
        return root_copy(str(value), where(context), root_path)

    @pass_context
    def script_tag(context, extra_script):
        tag = script_tag_filter(context, extra_script)
        path = str(extra_script)
        if path not in theme_urls:
            return tag
        own, text = f'src="{url_filter(context, path)}"', str(tag)
        if own not in text:  # MkDocs changed how it writes the tag: say so, never load a missing file
            raise ValueError(f"script_tag wrote {text!r} without {own}; update multilingual/assets.py")
        return Markup(text.replace(own, f'src="{escape(root_copy(path, where(context), root_path))}"', 1))

    env.filters["url"], env.filters["script_tag"] = url, script_tag


class DefaultLanguageFile(NotCopiedFile):
    """A file of the default language's folder (an image, a PDF...) in the build of a language
    that has no copy of its own: `point_to_default_copies` makes the language's pages link to the
    default language's copy."""


def add_default_language_files(files, tree, code: str, default_dir: str, config) -> set[str]:
    """Give a language build the default language's files it has no copy of (so that links to them
    pass MkDocs' validation); the URLs of those files in the language's build."""
    urls = set()
    for src_uri in tree.shared_assets(code):
        if files.get_file_from_path(src_uri) is None:
            file = DefaultLanguageFile(src_uri, default_dir, config.site_dir, config.use_directory_urls)
            files.append(file)
            urls.add(file.url)
    return urls


_URL_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")([^"]*)"')


def point_to_default_copies(html: str, page_url: str, shared_urls: set[str], here: str) -> str:
    """Rewrite the links of a page (at `page_url` in its language's build, `here` below the site
    root) that point to one of `shared_urls` so they reach the default language's copy instead."""
    if not shared_urls:
        return html

    def rewrite(match: re.Match) -> str:
        url = match.group(2)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("/", "#")) or not parts.path:
            return match.group(0)
        target = urlsplit(urljoin("http://site.invalid/" + page_url, parts.path)).path.lstrip("/")
        if target not in shared_urls:
            return match.group(0)
        suffix = url[len(parts.path):]
        return f'{match.group(1)}{escape(relative_href(here, target))}{suffix}"'

    return _URL_ATTRIBUTE.sub(rewrite, html)
