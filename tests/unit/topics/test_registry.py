"""The topic registry, page topics and related topics, and what the topics hook does without a
registry, without building a site."""

import pytest
from mkdocs.structure.files import Files

from conftest import ROOT
from multilingual.context import configure
from multilingual.data_files import DataFileError
from multilingual.pages import PageInfo, page_tags
from multilingual.tree import scan_docs
from topics.pages import related_topics
from topics.registry import SLUG_PATTERN, TopicError, check_page_topics, load_topics, parse_topics, site_registry
from topics_hook import TopicsHooks

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


def test_a_description_split_at_its_comma_is_an_error_that_says_to_quote_it():
    import yaml
    entry = yaml.safe_load("- {slug: healing, en: {label: healing, description: Looking after the hurt, alone and together.}}")
    with pytest.raises(TopicError, match=r"topic 'healing', 'en': unexpected key\(s\) 'alone and together.'.*must be quoted"):
        parse_topics(entry, ["en"], "topics.yml")


def test_every_description_of_the_registry_is_a_whole_sentence():
    registry, _ = load_topics(ROOT / "data" / "topics.yml", CODES)
    for t in registry.topics:
        for code in CODES:
            assert t.text(code).description.rstrip().endswith((".", "。", "؟", "!")), (t.slug, code)


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
    check_page_topics(("trust",), registry, "docs/en/a.md")  # a known topic passes
    check_page_topics(page_tags({"tags": "trust"}, "docs/en/a.md"), registry, "docs/en/a.md")  # one, as a string
    check_page_topics((), None, "docs/en/a.md")  # no topics, no registry: nothing to check
    with pytest.raises(TopicError, match=r"docs/en/a\.md: unknown topic 'betrayl'\. Did you mean 'betrayal'\?"):
        check_page_topics(("trust", "betrayl"), registry, "docs/en/a.md")
    with pytest.raises(TopicError, match=r"docs/en/a\.md: unknown topic 'trust, betrayal'"):  # a string is one topic
        check_page_topics(page_tags({"tags": "trust, betrayal"}, "docs/en/a.md"), registry, "docs/en/a.md")
    with pytest.raises(TopicError, match=r"docs/en/a\.md: `tags` names topics, but this site has no topic registry"):
        check_page_topics(("trust",), None, "docs/en/a.md")


def test_a_registry_that_is_not_valid_yaml_names_the_file_and_line(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text("- slug: trust\n  en: {label: trust, description: x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"topics\.yml:\d+: the file is not valid YAML"):
        load_topics(path, ["en"])


def test_without_its_registry_file_a_site_has_no_topics_and_refuses_a_page_that_names_one(project):
    project.config["extra"]["topics"] = "data/nowhere.yml"
    config = project.mkdocs_config()
    context, _ = configure(config)
    hooks = TopicsHooks()
    hooks.on_config(config)
    assert hooks.registry is None and site_registry(config) is None
    context.tree = scan_docs(context.docs_root, context.languages)
    context.pages = {"index.md": PageInfo("index.md", "", "Home", "", ())}
    assert list(hooks.on_files(Files([]), config)) == []  # no topics index, no topic pages
    context.pages["chapter.md"] = PageInfo("chapter.md", "chapter/", "A chapter", "", ("trust",))
    with pytest.raises(TopicError, match=r"docs/en/chapter\.md: `tags` names topics, but this site has no topic registry"):
        hooks.on_files(Files([]), config)


def test_related_topics_are_those_that_appear_together():
    registry, _ = parse_topics([topic(s, en=s) for s in ("a", "b", "c", "d")], ["en"], "t.yml")
    pages = [PageInfo("1.md", "1/", "1", "", ("a", "b")), PageInfo("2.md", "2/", "2", "", ("a", "b", "c")),
             PageInfo("3.md", "3/", "3", "", ("d",))]
    assert [(t.slug, n) for t, n in related_topics(pages, "a", registry)] == [("b", 2), ("c", 1)]
    assert related_topics(pages, "d", registry) == []
