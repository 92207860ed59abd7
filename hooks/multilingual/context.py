"""The context of one language build: its language, the site's languages, docs tree and pages, and
how the shared `mkdocs.yml` is adapted for it. Made fresh in `on_config` of every build (the main
build and each language worker) and kept in `config.extra[CONTEXT_KEY]`, where every hook finds it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from .languages import Language, LanguageTableError, find_language, load_languages
from .strings import UiStrings, load_ui_strings
from .templates import Fragments, fragments_for
from .tree import DocsTree
from .urls import language_site_url, relative_href, site_path

if TYPE_CHECKING:  # the engine never imports builds/ (which imports it); only names its plan's type
    from builds.plan import Plan

CONTEXT_KEY = "i18n"  # config.extra[CONTEXT_KEY] holds the build's BuildContext
BUILD_LANGUAGE_KEY = "build_language"  # set by a language worker: the language it builds


@dataclass
class BuildContext:
    """What one language build knows."""

    languages: tuple[Language, ...]
    language: Language
    root_site_url: str  # the site's address (the default language's)
    root_site_dir: str  # the folder the whole site is written to (each language under <code>/)
    docs_root: str  # docs/: one folder per language
    project_dir: str  # the folder of mkdocs.yml; data files are found from here
    ui: UiStrings
    fragments: Fragments
    # What this build does around its language, made from the command once per build right after
    # this context (`builds.plan.Plan`): every hook reads `plan.serving` and `plan.changed` here.
    plan: Plan | None = None
    tree: DocsTree | None = None
    pages: dict = field(default_factory=dict)  # src_uri -> pages.PageInfo
    status: dict = field(default_factory=dict)  # (code, src_uri) -> translation_status.PageStatus
    changed_on: dict = field(default_factory=dict)  # src_uri -> date the original last changed (git)
    shared_urls: set = field(default_factory=set)  # URLs of the default language's files this one uses
    theme_urls: set = field(default_factory=set)  # URLs of the theme files this one loads from the site root
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

    @property
    def default_docs_dir(self) -> str:
        return os.path.join(self.docs_root, self.default.code)

    def here(self, page_url: str) -> str:
        """A page's path below the site root, e.g. `fr/about/`."""
        return site_path(self.language, self.default, page_url)

    def original_href(self, page_url: str) -> str:
        """A relative link from this language's version of a page to the default language's one."""
        return relative_href(self.here(page_url), site_path(self.default, self.default, page_url))

    def project_path(self, path: str) -> str:
        """A path from mkdocs.yml (say `data/topics.yml`), relative to its folder."""
        return os.path.normpath(os.path.join(self.project_dir, path))


def material_languages() -> set[str]:
    """The theme languages Material ships (its `partials/languages/*.html`)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return {path.stem for path in folder.glob("*.html")}


def configure(config: MkDocsConfig) -> tuple[BuildContext, list[str]]:
    """Read the language table and point this build at its language's folders and URLs; the
    context and the warnings of its interface strings (untranslated keys)."""
    languages = load_languages(config.extra.get("languages"), material_languages())
    default = languages[0]
    language = find_language(languages, config.extra.get(BUILD_LANGUAGE_KEY) or default.code)
    if not config.site_url:
        raise LanguageTableError("mkdocs.yml: set site_url; hreflang alternates and sitemaps need it.")
    if os.path.basename(os.path.normpath(config.docs_dir)) != default.code:
        raise LanguageTableError(
            f"mkdocs.yml: docs_dir is {config.docs_dir}; it must be the default language's folder, "
            f"docs/{default.code} (the first language of extra.languages)."
        )
    project_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    root_site_url, root_site_dir = config.site_url, config.site_dir
    if language != default:
        config.docs_dir = os.path.join(os.path.dirname(os.path.normpath(config.docs_dir)), language.code)
        config.site_dir = os.path.join(root_site_dir, language.code)
        config.site_url = language_site_url(root_site_url, language, default)
    config.theme["language"] = language.material
    ui_folder = os.path.join(project_dir, str(config.extra.get("ui_strings") or "data/ui"))
    ui, warnings = load_ui_strings(ui_folder, language.code, default.code)
    context = BuildContext(
        languages=languages,
        language=language,
        root_site_url=root_site_url,
        root_site_dir=root_site_dir,
        docs_root=os.path.dirname(os.path.normpath(config.docs_dir)),
        project_dir=project_dir,
        ui=ui,
        fragments=fragments_for(config),
    )
    # Material shows its language selector (partials/alternate.html, ours) when this is truthy;
    # not a list, so Material writes no alternate links of its own.
    config.extra["alternate"] = True
    config.extra[CONTEXT_KEY] = context
    return context, warnings
