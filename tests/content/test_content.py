"""The English guide: front matter, sources, length, readability, originality and safety."""

import re

import pyphen
import pytest

from conftest import ROOT, load_config_data
from multilingual.sources import read_page_source
from guide.reading_time import plain_text
from topics.registry import load_topics

EN = ROOT / "docs" / "en"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"
PAGES = sorted(p.name for p in EN.glob("*.md"))
CHAPTERS = ["understanding-trust.md", "when-trust-breaks.md", "recovering-trust.md", "intimacy-after-betrayal.md"]
NAV = [entry for entry in load_config_data()["nav"] if not entry.startswith("tags/")]
SOURCE_IDS = re.compile(r"^\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)


def source(name):
    return read_page_source(EN / name)


def test_every_page_of_the_outline_exists_in_nav_order():
    assert NAV == ["index.md", *CHAPTERS, "questions.md", "getting-help.md", "sources.md", "about.md"]
    assert sorted(NAV) == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_front_matter_is_complete(name):
    meta = source(name).meta
    assert isinstance(meta.get("title"), str) and meta["title"].strip()
    description = meta.get("description")
    assert isinstance(description, str) and 30 <= len(description) <= 200
    assert description.count(". ") == 0 and description.rstrip().endswith("."), "one sentence"
    registry, _ = load_topics(ROOT / "data" / "topics.yml", ["en"])
    assert isinstance(meta.get("tags"), list)
    assert all(registry.get(tag) for tag in meta["tags"])
    if name in CHAPTERS:
        assert meta["tags"], "chapters carry topics"


def cited(text):
    return set(re.findall(r"\[\^([a-z0-9-]+)\](?!:)", text))


def test_footnotes_resolve_to_sources_entries_and_every_entry_is_cited():
    entries = SOURCE_IDS.findall(source("sources.md").body)
    assert len(entries) == len(set(entries)) == 21
    all_cited = set()
    for name in PAGES:
        body = source(name).body
        definitions = dict(re.findall(r"^\[\^([a-z0-9-]+)\]:\s*(.+)$", body, re.MULTILINE))
        assert cited(body) == set(definitions), name  # every reference defined, every definition used
        for label, text in definitions.items():
            assert label in entries, f"{name}: footnote {label} is not a Sources entry"
            assert f"(sources.md#{label})" in text, f"{name}: footnote {label} must link to its Sources entry"
        all_cited |= cited(body)
    assert set(entries) <= all_cited, f"never cited: {set(entries) - all_cited}"


def test_sources_page_lists_exactly_the_research_list():
    research = SHARED / "research" / "sources.md"
    if not research.exists():
        pytest.skip("../shared/research is not beside this checkout")
    authors = re.findall(r"^- \*\*([A-Z][^,*(]+),", research.read_text(encoding="utf-8"), re.MULTILINE)
    sources = source("sources.md").body
    for author in authors:
        assert author.strip() in sources


def words_of(name):
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", plain_text(source(name).body))


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_length(name):
    assert 900 <= len(words_of(name)) <= 1600


_hyphenator = pyphen.Pyphen(lang="en_US")


def syllables(word):
    return max(1, len(_hyphenator.positions(word.lower())) + 1)


def flesch_reading_ease(text):
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n{2,}", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", text)
    return 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * sum(map(syllables, words)) / len(words)


def test_flesch_formula_on_known_texts():
    assert flesch_reading_ease("The cat sat on the mat. The dog ran.") > 100
    assert flesch_reading_ease("Institutional considerations notwithstanding, organizational responsibilities necessitate comprehensive reevaluation.") < 0


@pytest.mark.parametrize("name", [n for n in NAV if n not in ("index.md", "sources.md")])
def test_reading_ease_is_at_least_50(name):
    assert flesch_reading_ease(plain_text(source(name).body)) >= 50


def run_hashes(text):
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_fixtures import run_hashes as hashes
    return hashes(text)


def test_seed_fingerprints_are_current():
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is not beside this checkout")
    expected = set().union(*(run_hashes(seed.read_text(encoding="utf-8")) for seed in seeds))
    assert expected == set((FIXTURES / "seed_8gram_hashes.txt").read_text().split())


@pytest.mark.parametrize("name", PAGES)
def test_no_run_of_eight_words_from_a_seed(name):
    seed_runs = set((FIXTURES / "seed_8gram_hashes.txt").read_text().split())
    assert len(seed_runs) > 500
    assert run_hashes(source(name).body).isdisjoint(seed_runs)


def test_seed_check_catches_a_copied_run_and_ignores_shared_short_phrases():
    seed = "When partners talk openly about what happened, they can slowly build a calmer and safer bond."
    fingerprints = run_hashes(seed)
    copied = "Some say that when partners talk openly about what happened, they can heal."
    assert not run_hashes(copied).isdisjoint(fingerprints)  # 8 words in a row, punctuation ignored
    rewritten = "Partners who talk openly about what happened may find a calmer bond."
    assert run_hashes(rewritten).isdisjoint(fingerprints)


def test_seed_questions_are_answered_on_the_qa_page_with_links_to_chapters():
    body = source("questions.md").body
    questions = re.findall(r"^## (.+?) \{#([a-z0-9-]+)\}", body, re.MULTILINE)
    assert len(questions) >= 8 and all(q.endswith("?") for q, _ in questions)
    texts = [q.lower() for q, _ in questions]
    assert "intimacy" in texts[0] and "trust" in texts[0]
    assert "sexual trust" in texts[1] and "betrayal" in texts[1]
    sections = re.split(r"^## ", body, flags=re.MULTILINE)[1:]
    for section in sections[:2]:
        assert re.search(r"\]\((understanding-trust|when-trust-breaks|recovering-trust|intimacy-after-betrayal)\.md", section)


def test_every_chapter_opens_with_a_summary_and_ends_with_reflection_and_help():
    for name in CHAPTERS:
        body = source(name).body
        assert body.lstrip().startswith('!!! abstract "In this chapter"')
        headings = re.findall(r"^## .+\{#([a-z0-9-]+)\}", body, re.MULTILINE)
        assert headings[-2:] == ["questions-to-reflect-on", "when-to-seek-help"]


def test_prevalence_figures_state_measure_country_and_years():
    for name in PAGES:
        for paragraph in source(name).body.split("\n\n"):
            if re.search(r"\b20% of men\b|\b13% of women\b", paragraph):
                assert "US" in paragraph or "United States" in paragraph
                assert "2010" in paragraph and "2016" in paragraph
                assert re.search(r"lifetime|ever had|ever been married|ever-married", paragraph)
    assert not any("40%" in source(name).body for name in PAGES)
