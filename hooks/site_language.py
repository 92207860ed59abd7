"""The language a build is making, and how the shared `mkdocs.yml` is adapted for it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from docs_tree import DocsTree
from language_builds import BUILD_LANGUAGE_KEY
from languages import Language, LanguageTableError, find_language, load_languages
from urls import language_site_url, relative_href, site_path

CONTEXT_KEY = "i18n"  # config.extra[CONTEXT_KEY] holds the build's SiteLanguage
# The project's data files (topics, help lines, interface strings): data/ beside hooks/.
DATA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")


@dataclass
class SiteLanguage:
    """What one language build knows: its language, the whole site's languages and docs tree."""

    languages: tuple[Language, ...]
    language: Language
    root_site_url: str
    root_site_dir: str
    docs_root: str
    ui: dict[str, str] = field(default_factory=dict)
    tree: DocsTree | None = None
    pages: dict = field(default_factory=dict)  # src_uri -> page_index.PageInfo
    page_urls: list[str] = field(default_factory=list)  # pages built, for the sitemap

    @property
    def default(self) -> Language:
        return self.languages[0]

    @property
    def is_default(self) -> bool:
        return self.language == self.default

    @property
    def root_path(self) -> str:
        """The site root's URL path, e.g. `/guide/`."""
        path = urlsplit(self.root_site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def original_href(self, page_url: str) -> str:
        """A relative link from this language's version of a page to the default language's one."""
        here = site_path(self.language, self.default, page_url)
        return relative_href(here, site_path(self.default, self.default, page_url))

    def is_fallback(self, src_dir: str | None) -> bool:
        """Whether a page of this build comes from the default language's folder."""
        default_dir = os.path.join(self.docs_root, self.default.code)
        return not self.is_default and src_dir is not None and os.path.abspath(src_dir) == os.path.abspath(default_dir)


def material_languages() -> set[str]:
    """The theme languages Material ships (its `partials/languages/*.html`)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {path.stem for path in folder.glob("*.html")}


def configure(config: MkDocsConfig) -> SiteLanguage:
    """Read the language table and point this build at its language's folders and URLs."""
    languages = load_languages(config.extra.get("languages"), material_languages())
    default = languages[0]
    code = config.extra.get(BUILD_LANGUAGE_KEY) or default.code
    language = find_language(languages, code)
    if not config.site_url:
        raise LanguageTableError("mkdocs.yml: set site_url; hreflang alternates and sitemaps need it.")
    if os.path.basename(os.path.normpath(config.docs_dir)) != default.code:
        raise LanguageTableError(
            f"mkdocs.yml: docs_dir is {config.docs_dir}; it must be the default language's folder, "
            f"docs/{default.code} (the first language of extra.languages)."
        )
    site = SiteLanguage(
        languages=languages,
        language=language,
        root_site_url=config.site_url,
        root_site_dir=config.site_dir,
        docs_root=os.path.dirname(os.path.normpath(config.docs_dir)),
    )
    if not site.is_default:
        config.docs_dir = os.path.join(site.docs_root, code)
        config.site_dir = os.path.join(site.root_site_dir, code)
        config.site_url = language_site_url(site.root_site_url, language, default)
    config.theme["language"] = language.material
    if language.search and "material/search" in config.plugins:
        config.plugins["material/search"].config.lang = list(language.search)
    segment_han_with_jieba(language.material == "zh")
    # Material shows its language selector (partials/alternate.html, ours) when this is truthy;
    # not a list, so Material writes no alternate links of its own.
    config.extra["alternate"] = True
    config.extra[CONTEXT_KEY] = site
    return site


def segment_han_with_jieba(enabled: bool) -> None:
    """Let Material's search segment runs of Han characters with jieba only in Chinese builds.

    With jieba installed, Material splits every Han run of the search index into Chinese words,
    Japanese kanji too (信頼 becomes 信 + 頼), so Japanese searches, which lunr.ja segments with its
    own TinySegmenter, found nothing. The switch is Material's module-level `jieba`; every build
    (each language, in whichever worker process) sets it for itself here, in `on_config`.
    """
    from material.plugins.search import plugin as search_plugin

    global _JIEBA
    if _JIEBA is _UNSET:
        _JIEBA = search_plugin.jieba
    search_plugin.jieba = _JIEBA if enabled else None


_UNSET = object()
_JIEBA = _UNSET  # Material's own value (the jieba module, or None if it is not installed)


HTML_TAG = re.compile(r"<html\b[^>]*>")


def set_document_language(html: str, language: Language) -> str:
    """Give `<html>` the language's BCP 47 tag (e.g. zh-Hans, where Material writes zh) and direction."""
    return HTML_TAG.sub(
        f'<html lang="{language.hreflang}" dir="{language.direction}" class="no-js">', html, count=1
    )
