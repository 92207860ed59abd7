"""Chapters and reading time (hooks/guide/chapters.py, reading_time.py), without building a site."""

from guide.chapters import as_chapters, chapter_numbers, nav_pages
from guide.reading_time import count_reading_units, plain_text, reading_minutes
from multilingual.pages import PageInfo


def test_reading_units_are_words_or_characters():
    assert count_reading_units("Trust grows in small moments.", "en") == 5
    assert count_reading_units("Доверие растёт понемногу.", "ru") == 3
    assert count_reading_units("信頼は小さな瞬間に育つ。", "ja") == 11
    assert count_reading_units("信任在小事中增长。", "zh") == 8
    assert count_reading_units("信任 EFT 疗法", "zh") == 5  # four characters and one Latin word


def test_plain_text_drops_markup_targets_and_footnote_definitions():
    text = plain_text('## Heading {#h}\n\nSee [the sources](sources.md#x).[^a]\n\n!!! abstract "In short"\n\n[^a]: Author (2000).\n')
    assert "sources.md" not in text and "Author" not in text and "{#h}" not in text
    assert "the sources" in text and "In short" in text and "Heading" in text


def test_reading_minutes_use_each_language_speed():
    assert reading_minutes("word " * 228, "en") == 1
    assert reading_minutes("word " * 229, "en") == 2
    assert reading_minutes("字" * 600, "zh") == 3  # 255 characters a minute


def test_chapter_numbers_follow_the_nav_after_home_without_topics():
    assert chapter_numbers(["index.md", "a.md", {"B": "b.md"}, "tags/index.md"]) == {"a.md": 1, "b.md": 2}


def test_nav_sections_are_flattened_and_links_left_out():
    nav = ["index.md", {"Part one": ["a.md", {"Deep": "sub/deeper/b.md"}]}, {"Site": "https://example.org/"}, "c.md"]
    assert nav_pages(nav) == ["index.md", "a.md", "sub/deeper/b.md", "c.md"]
    assert chapter_numbers(nav) == {"a.md": 1, "sub/deeper/b.md": 2, "c.md": 3}
    assert chapter_numbers(None) == {}


def test_chapters_get_numbered_titles_and_reading_time_in_the_language_of_their_text():
    pages = {"a.md": PageInfo("a.md", "a/", "Alpha", "", ()), "home.md": PageInfo("home.md", "", "Home", "", ()),
             "b.md": PageInfo("b.md", "b/", "Beta", "", (), untranslated=True)}
    bodies = {"a.md": "字" * 600, "home.md": "word", "b.md": "word " * 500}
    chapters = as_chapters(pages, {"a.md": 1, "b.md": 2}, "zh", "en", lambda page: bodies[page.src_uri])
    assert (chapters["a.md"].title, chapters["a.md"].number, chapters["a.md"].minutes) == ("1. Alpha", 1, 3)
    assert chapters["b.md"].minutes == 3  # English text, read at the English speed (228 words a minute)
    assert (chapters["home.md"].title, chapters["home.md"].number) == ("Home", None)
