"""Pages a language has not translated yet: built from the default language's text, marked as such."""

from __future__ import annotations

from markupsafe import escape

from languages import Language


def fallback_notice(ui: dict[str, str], language: Language, original_href: str, default: Language) -> str:
    """The notice, in the reader's language, above an untranslated page."""
    text = escape(ui["fallback_notice"].format(language=language.name))
    link = escape(ui["fallback_link"])
    return (
        f'<div class="admonition note translation-notice" role="note" data-notice="fallback">'
        f'<p>{text} <a href="{escape(original_href)}" hreflang="{default.hreflang}">{link}</a></p></div>\n'
    )


def wrap_untranslated(content: str, title: str, default: Language) -> str:
    """Mark the untranslated text (title included) with its real language and direction."""
    return (
        f'<div class="untranslated" lang="{default.hreflang}" dir="{default.direction}">\n'
        f"<h1>{escape(title)}</h1>\n{content}\n</div>"
    )
