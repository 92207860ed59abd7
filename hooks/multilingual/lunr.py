"""Material's own (lunr) search, set up for each language build: its lunr language, and jieba's
Chinese word segmentation in the Chinese build only."""

from __future__ import annotations

from .languages import Language


def configure_search(config, language: Language) -> None:
    """Point Material's search at the language's lunr language(s)."""
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)  # it logs its dictionary loading at DEBUG
    if language.search and "material/search" in config.plugins:
        config.plugins["material/search"].config.lang = list(language.search)
    segment_han_with_jieba(language.material == "zh")


def preload_jieba() -> None:
    """Load jieba's dictionary (about half a second) once, in the process the language workers are
    forked from: worth it when that process forks them again and again (`mkdocs serve`)."""
    try:
        import jieba
    except ImportError:
        return
    jieba.initialize()


def segment_han_with_jieba(enabled: bool) -> None:
    """Let Material's search segment runs of Han characters with jieba only in Chinese builds.

    With jieba installed, Material splits every Han run of the search index into Chinese words,
    Japanese kanji too (信頼 becomes 信 + 頼), so Japanese searches, which lunr.ja segments with its
    own TinySegmenter, found nothing. The switch is Material's module-level `jieba`; every build
    (each language, in whichever worker process) sets it for itself, in `on_config`.
    """
    from material.plugins.search import plugin as search_plugin

    global _JIEBA
    if _JIEBA is _UNSET:
        _JIEBA = search_plugin.jieba
    search_plugin.jieba = _JIEBA if enabled else None


_UNSET = object()
_JIEBA = _UNSET  # Material's own value (the jieba module, or None if it is not installed): a process constant
