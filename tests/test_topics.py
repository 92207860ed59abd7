"""The topic registry, page topics, slugs and reading time, without building a site."""

from pathlib import Path

import pytest

from reading_time import count_reading_units, plain_text, reading_minutes
from topic_pages import related_topics
from page_index import PageInfo, chapter_numbers
from topics import SLUG_PATTERN, TopicError, check_page_topics, load_topics, parse_topics

ROOT = Path(__file__).resolve().parent.parent
CODES = "en it fr de pl tr pt ru ar ja zh es".split()


def topic(slug, **texts):
    return {"slug": slug, "hashtag": f"#{slug}", **{code: {"label": label, "description": "d"} for code, label in texts.items()}}


def test_the_registry_has_the_ten_source_topics_complete_in_every_language():
    registry, warnings = load_topics(ROOT / "data" / "topics.yml", CODES)
    assert registry.slugs == ["trust", "trust-recovery", "betrayal", "recovery", "intimacy", "communication",
                              "vulnerability", "connection", "healing", "relationships"]
    assert registry.get("trust-recovery").hashtag == "#trustrecovery"
    assert warnings == []
    for t in registry.topics:
        assert SLUG_PATTERN.match(t.slug)
        assert len({t.text(code).label for code in CODES}) > 1  # actually translated, not copied


def test_missing_label_falls_back_to_english_with_a_warning():
    registry, warnings = parse_topics([topic("trust", en="trust", fr="confiance")], ["en", "fr", "de"], "topics.yml")
    assert registry.get("trust").text("de").label == "trust"
    assert warnings == ["topics.yml: topic 'trust' has no label and description in 'de'; showing the 'en' text. "
                        "Add `de: {label: ..., description: ...}`."]


def test_missing_default_label_is_an_error():
    with pytest.raises(TopicError, match="'trust' needs `en:"):
        parse_topics([topic("trust", fr="confiance")], ["en", "fr"], "topics.yml")


def test_duplicate_and_malformed_slugs_are_refused():
    with pytest.raises(TopicError, match="two topics have the slug 'trust'"):
        parse_topics([topic("trust", en="a"), topic("trust", en="b")], ["en"], "topics.yml")
    for bad in ("Trust", "trust_recovery", "vertrauen-ü", "-trust", "trust--x"):
        with pytest.raises(TopicError, match=f"slug '{bad}' may hold only lowercase ASCII"):
            parse_topics([topic(bad, en="a")], ["en"], "topics.yml")


def test_unknown_page_topic_names_file_topic_and_closest_slug():
    registry, _ = parse_topics([topic("trust", en="t"), topic("betrayal", en="b")], ["en"], "topics.yml")
    assert check_page_topics(["trust"], registry, "docs/en/a.md") == ["trust"]
    with pytest.raises(TopicError, match=r"docs/en/a\.md: unknown topic 'betrayl'\. Did you mean 'betrayal'\?"):
        check_page_topics(["trust", "betrayl"], registry, "docs/en/a.md")
    with pytest.raises(TopicError, match="must be a list"):
        check_page_topics("trust", registry, "docs/en/a.md")


def test_related_topics_are_those_that_appear_together():
    registry, _ = parse_topics([topic(s, en=s) for s in ("a", "b", "c", "d")], ["en"], "t.yml")
    pages = [PageInfo("1.md", "1/", "1", "", ["a", "b"], 1, None), PageInfo("2.md", "2/", "2", "", ["a", "b", "c"], 1, None),
             PageInfo("3.md", "3/", "3", "", ["d"], 1, None)]
    assert [(t.slug, n) for t, n in related_topics(pages, "a", registry)] == [("b", 2), ("c", 1)]
    assert related_topics(pages, "d", registry) == []


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
