"""Edits of rendered HTML and JSON inside <script> (hooks/multilingual/html.py)."""

import json

from multilingual.html import add_to_page_header, replace_marker, script_json, split_page_header


def test_script_json_cannot_end_or_break_a_script_element():
    data = {"headline": "Trust <!--<script> and you </script> & more"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data  # the same data for whoever reads it


def test_blocks_stack_in_the_page_header_in_the_order_they_are_added():
    html = '<h1 id="t">Title</h1>\n<p>Body</p>'
    html = add_to_page_header(add_to_page_header(html, "<nav>chips</nav>"), "<div>notice</div>")
    assert html.index("Title") < html.index("chips") < html.index("notice") < html.index("Body")
    title, header, rest = split_page_header(html)
    assert title.startswith("<h1") and "chips" in header and "notice" in header and rest.strip() == "<p>Body</p>"


def test_without_a_title_the_header_comes_first():
    html = add_to_page_header("<p>Body</p>", "<nav>chips</nav>")
    assert html.index("chips") < html.index("Body")
    assert split_page_header(html)[0] == ""


def test_replace_marker_replaces_only_whole_marker_lines():
    text = "a\n<!-- insert: cards -->\nb <!-- insert: cards --> c\n"
    assert replace_marker(text, "cards", "<ul></ul>") == "a\n<ul></ul>\nb <!-- insert: cards --> c\n"
