"""What a page is, from any ordinary Markdown source (hooks/multilingual/pages.py): MkDocs' own
fallbacks for titles, optional description and tags, and clear errors for the rest."""

import pytest

from multilingual.pages import first_heading, heading_text, index_page, page_tags, title_from_file_name
from multilingual.sources import SourceError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_page_with_no_front_matter_takes_its_title_from_its_first_heading(tmp_path):
    info = index_page(write(tmp_path, "a.md", "Intro line.\n\n# First aid *basics* {#top}\n\n# Second\n"), "a.md", "a/", False)
    assert (info.title, info.description, info.tags, info.meta) == ("First aid basics", "", (), {})


def test_without_title_or_heading_the_file_name_is_the_title(tmp_path):
    assert index_page(write(tmp_path, "burns-and-scalds.md", "Cool the burn.\n"), "burns-and-scalds.md", "x/", False).title == "Burns and scalds"
    assert index_page(write(tmp_path, "index.md", "Welcome.\n"), "index.md", "", False).title == "Home"
    assert title_from_file_name("kits/index.md") == "Kits"
    assert title_from_file_name("guides/CPR-steps.md") == "CPR steps"  # not all lowercase: kept as it is


def test_first_heading_skips_code_blocks_and_reads_setext_headings():
    assert first_heading("```\n# not a heading\n```\n\nTitle here\n==========\n") == "Title here"
    assert first_heading("## only a second level\n") is None
    assert heading_text("[Call](tel.md) &amp; <b>act</b> `now` {: .x}") == "Call & act now"


@pytest.mark.parametrize(("tags", "expected"), [
    (None, ()), ("", ()), ([], ()), (["a", "b"], ("a", "b")), ("bleeding", ("bleeding",)), ([2024], ("2024",)),
    ("trust, betrayal", ("trust, betrayal",)),  # one slug, not a list: the topics check names it
])
def test_tags_may_be_missing_empty_a_list_or_one_slug(tags, expected):
    assert page_tags({} if tags is None else {"tags": tags}, "docs/en/a.md") == expected


def test_tags_of_another_shape_name_the_file():
    with pytest.raises(SourceError, match=r"docs/en/a\.md: `tags` must be a list of topic slugs"):
        page_tags({"tags": {"a": 1}}, "docs/en/a.md")


def test_a_title_that_is_not_text_names_the_file(tmp_path):
    with pytest.raises(SourceError, match=r"a\.md: `title` must be text"):
        index_page(write(tmp_path, "a.md", "---\ntitle: [a, b]\n---\n\nText.\n"), "a.md", "a/", False)
    assert index_page(write(tmp_path, "b.md", "---\ntitle: 1999\n---\n"), "b.md", "b/", False).title == "1999"
