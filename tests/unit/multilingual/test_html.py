"""Edits of rendered HTML and JSON inside <script> (hooks/multilingual/html.py)."""

import json

import pytest

from multilingual.html import replace_marker, script_json


def test_script_json_cannot_end_or_break_a_script_element():
    data = {"headline": "Trust <!--<script> and you </script> & more"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data  # the same data for whoever reads it


def test_replace_marker_replaces_only_whole_marker_lines():
    text = "a\n<!-- insert: cards -->\nb <!-- insert: cards --> c\n"
    assert replace_marker(text, "cards", "<ul></ul>") == "a\n<ul></ul>\nb <!-- insert: cards --> c\n"


def test_a_page_without_html_element_or_a_header_without_nav_stops_the_build_naming_what_is_missing():
    from multilingual.html import ThemeMarkupError, require_in_theme_output, set_document_language
    from multilingual.languages import load_languages

    arabic = load_languages([{"code": "ar", "label": "AR", "name": "العربية", "material": "ar", "hreflang": "ar",
                              "direction": "rtl"}])[0]
    assert set_document_language('<html lang="ar" class="no-js"><body>', arabic).startswith('<html lang="ar" dir="rtl"')
    with pytest.raises(ThemeMarkupError, match=r"^about\.md: the theme wrote no <html> element"):
        set_document_language("<body>text</body>", arabic, "about.md")
    assert require_in_theme_output("<nav>bar</nav>", "</nav>", "why") == "<nav>bar</nav>"
    with pytest.raises(ThemeMarkupError, match=r"no '</nav>': the search box goes there\. The theme changed"):
        require_in_theme_output("<div>bar</div>", "</nav>", "the search box goes there")
