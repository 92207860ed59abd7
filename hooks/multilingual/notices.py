"""What a language build tells readers about a page's translation: the page is not translated yet
(its text is the default language's), the original changed since it was translated, or the
translation is not reviewed. Each is a fragment template; these functions choose and fill them."""

from __future__ import annotations

from markupsafe import Markup

from .languages import Language
from .templates import Fragments
from .translation_status import STALE, PageStatus


def untranslated_heading_and_text(fragments: Fragments, heading: Markup, text: Markup, title: str,
                                  default: Language) -> tuple[Markup, Markup]:
    """An untranslated page's heading (its content's own, or one made of its title) and text, marked
    with their real language and direction, so screen readers pronounce them right. The blocks
    between them (topic chips, notices) are in the reader's language: they stay out of the marking."""
    marks = f'lang="{default.hreflang}" dir="{default.direction}"'
    if heading:
        heading = Markup(str(heading).replace("<h1", f"<h1 {marks}", 1))
    else:
        heading = fragments.render("untranslated-heading", title=title, default=default)
    return heading, fragments.render("untranslated", content=text, default=default)


def fallback_notice(fragments: Fragments, ui, language: Language, default: Language, original_href: str) -> Markup:
    """The notice above an untranslated page's text: not in the reader's language yet, and a link to
    the original."""
    return fragments.render("notice-fallback", ui=ui, language=language, default=default, original_href=original_href)


def translation_notices(fragments: Fragments, status: PageStatus | None, ui, default: Language,
                        original_href: str, changed_on: str | None) -> tuple[Markup | None, Markup | None]:
    """The notice above a translated page's text (the original changed since) and the note below
    it (not reviewed); None where none is due. An untracked or current page gets no notice."""
    if status is None:
        return None, None
    above = fragments.render("notice-stale", ui=ui, default=default, original_href=original_href,
                             changed_on=changed_on) if status.state == STALE else None
    below = fragments.render("note-unreviewed", ui=ui) if not status.reviewed else None
    return above, below
