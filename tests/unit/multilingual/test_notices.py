"""What readers are told about a page's translation (hooks/multilingual/notices.py), with our fragment
templates: an untranslated page's heading and text marked with their language, and the notices
around a translation."""

from jinja2 import FileSystemLoader
from markupsafe import Markup

from conftest import ROOT
from multilingual.languages import Language
from multilingual.notices import fallback_notice, translation_notices, untranslated_heading_and_text
from multilingual.pages import safe_title
from multilingual.templates import Fragments
from multilingual.translation_status import CURRENT, STALE, PageStatus

FRAGMENTS = Fragments(FileSystemLoader([str(ROOT / "overrides")]), [str(ROOT / "overrides")])
ENGLISH = Language("en", "EN", "English", "en", "en", "ltr")
ARABIC = Language("ar", "AR", "العربية", "ar", "ar", "rtl")
UI = {"fallback_notice": "Not in {language} yet.", "fallback_link": "The original", "stale_notice": "Out of date.",
      "stale_notice_dated": "Changed on {date}.", "stale_link": "The original", "unreviewed_note": "Not reviewed."}


def test_an_untranslated_page_keeps_its_heading_and_text_marked_with_their_language():
    heading, text = untranslated_heading_and_text(FRAGMENTS, Markup('<h1 id="t">Title</h1>'), Markup("<p>Words</p>"),
                                                  "Title", ENGLISH)
    assert heading == '<h1 lang="en" dir="ltr" id="t">Title</h1>'
    assert text == '<div class="untranslated" lang="en" dir="ltr">\n<p>Words</p>\n</div>'


def test_an_untranslated_page_without_a_heading_gets_its_title_as_one_escaped_once():
    heading, _ = untranslated_heading_and_text(FRAGMENTS, Markup(""), Markup("<p>Words</p>"),
                                               safe_title("Burns <em>&</em> scalds"), ENGLISH)
    assert heading == '<h1 lang="en" dir="ltr">Burns &lt;em&gt;&amp;&lt;/em&gt; scalds</h1>'


def test_the_fallback_notice_names_the_readers_language_and_links_the_original():
    notice = fallback_notice(FRAGMENTS, UI, ARABIC, ENGLISH, "../../chapter/")
    assert 'data-notice="fallback"' in notice and "data-search-exclude" in notice
    assert "Not in العربية yet." in notice and '<a href="../../chapter/" hreflang="en">The original</a>' in notice


def test_a_stale_translation_gets_a_notice_above_and_an_unreviewed_one_a_note_below():
    above, below = translation_notices(FRAGMENTS, PageStatus("ar", "a.md", STALE), UI, ENGLISH, "../a/", "1 May 2026")
    assert above is not None and 'data-notice="stale"' in above and "Changed on 1 May 2026." in above
    assert below is not None and 'data-notice="unreviewed"' in below and "data-search-exclude" in below
    assert translation_notices(FRAGMENTS, PageStatus("ar", "a.md", CURRENT, reviewed=True), UI, ENGLISH, "../a/", None) == (None, None)
    assert translation_notices(FRAGMENTS, None, UI, ENGLISH, "../a/", None) == (None, None)  # untracked
