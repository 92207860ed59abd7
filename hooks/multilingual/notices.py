"""What a language build tells readers about a page's translation: the page is not translated yet
(its text is the default language's), the original changed since it was translated, or the
translation is not reviewed. Each is a fragment template; these functions choose and fill them."""

from __future__ import annotations

from markupsafe import Markup

from .html import split_page_header
from .languages import Language
from .templates import Fragments
from .translation_status import STALE, PageStatus


def untranslated_page(fragments: Fragments, content: str, title: str, ui, language: Language,
                      default: Language, original_href: str) -> str:
    """An untranslated page's content: its title and text marked with their real language and
    direction (so screen readers pronounce them right), and a notice in the reader's language.
    The page header's blocks (topic chips, notices) are in the reader's language: they stay out of
    the marked text."""
    heading, header, rest = split_page_header(content)
    if heading:
        heading = heading.replace("<h1", f'<h1 lang="{default.hreflang}" dir="{default.direction}"', 1)
    return fragments.render(
        "untranslated", heading=Markup(heading), header=Markup(header), title=title, content=Markup(rest), ui=ui,
        language=language, default=default, original_href=original_href,
    )


def translation_notices(fragments: Fragments, status: PageStatus | None, ui, default: Language,
                        original_href: str, changed_on: str | None) -> tuple[str, str]:
    """The notice above a translated page's text (the original changed since) and the note below
    it (not reviewed); "" where none is due. An untracked or current page gets no notice."""
    if status is None:
        return "", ""
    above = fragments.render("notice-stale", ui=ui, default=default, original_href=original_href,
                             changed_on=changed_on) if status.state == STALE else ""
    below = fragments.render("note-unreviewed", ui=ui) if not status.reviewed else ""
    return above, below
