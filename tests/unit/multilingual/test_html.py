"""Edits of rendered HTML and JSON inside <script> (hooks/multilingual/html.py)."""

import json

from multilingual.html import replace_marker, script_json


def test_script_json_cannot_end_or_break_a_script_element():
    data = {"headline": "Trust <!--<script> and you </script> & more"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data  # the same data for whoever reads it


def test_replace_marker_replaces_only_whole_marker_lines():
    text = "a\n<!-- insert: cards -->\nb <!-- insert: cards --> c\n"
    assert replace_marker(text, "cards", "<ul></ul>") == "a\n<ul></ul>\nb <!-- insert: cards --> c\n"
