"""Which of the theme's static files a language build leaves out of its output.

Every language build gets its own copy of Material's assets (2.6 MB). Half of that is never loaded
by a page: source maps (`*.map`, for debugging Material's minified code) and the lunr scripts of
the search languages this build does not use (Material ships 30, a search index needs up to 4).
"""

from __future__ import annotations

import os

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
    theme_dirs = tuple(os.path.join(os.path.abspath(folder), "") for folder in config.theme.dirs)
    for file in list(files):
        if (file.abs_src_path or "").startswith(theme_dirs) and is_unused(file.src_uri, languages):
            files.remove(file)
