"""Every translation: complete, structurally the same as English, really in its language, and honest
about being current or stale."""

import re
from functools import lru_cache

import pytest
from lingua import IsoCode639_1, LanguageDetectorBuilder

from conftest import ROOT, load_config_data, page
from multilingual.sources import read_page_source
from guide.reading_time import plain_text
from multilingual.translation_status import CURRENT, MISSING, STALE, page_status, source_hash

CODES = [entry["code"] for entry in load_config_data()["extra"]["languages"]]
TRANSLATIONS = CODES[1:]
PAGES = sorted(p.name for p in (ROOT / "docs" / "en").glob("*.md"))
HEADING = re.compile(r"^(#{2,6}) .*?\{#([a-z0-9-]+)\}\s*$", re.MULTILINE)
FOOTNOTE = re.compile(r"\[\^([a-z0-9-]+)\]")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
MARKER = re.compile(r"<!-- insert: [a-z-]+ -->")


def read(code, name):
    return read_page_source(ROOT / "docs" / code / name)


def structure(code, name):
    source = read(code, name)
    return {
        "headings": HEADING.findall(source.body),
        "footnotes": sorted(set(FOOTNOTE.findall(source.body))),
        "links": sorted(set(LINK_TARGET.findall(source.body))),
        "markers": MARKER.findall(source.body),
        "tags": source.meta.get("tags"),
        "safety_notice": source.meta.get("safety_notice"),
        "sources": re.findall(r"^\{#([a-z0-9-]+)\}\s*$", source.body, re.MULTILINE),
    }


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_page_is_translated_with_the_same_structure(code):
    for name in PAGES:
        assert (ROOT / "docs" / code / name).is_file(), f"docs/{code}/{name} is missing"
        assert structure(code, name) == structure("en", name), f"docs/{code}/{name} differs from English"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_front_matter_is_translated_and_records_its_source(code):
    for name in PAGES:
        meta, english = read(code, name).meta, read("en", name).meta
        same_word = len(english["title"].split()) == 1  # e.g. "Sources" is French too
        assert meta["title"] and (meta["title"] != english["title"] or same_word), f"{code}/{name}: title not translated"
        assert meta["description"] and meta["description"] != english["description"]
        assert re.fullmatch(r"[0-9a-f]{12}", str(meta.get("source_hash"))), f"{code}/{name}: no source_hash"
        assert isinstance(meta.get("reviewed"), bool)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_translation_is_current(code):
    for name in PAGES:
        status = page_status(code, name, source_hash(read("en", name).text), read(code, name).meta)
        assert status.state == CURRENT, f"docs/{code}/{name} is {status.state}: update it and its source_hash"


@lru_cache(maxsize=1)
def detector():
    languages = [IsoCode639_1.from_str(code) for code in CODES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*languages).build()


def prose(code, name):
    """The page's own prose: no references, footnote definitions, markers or link targets."""
    body = read(code, name).body
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if "{#" not in p.splitlines()[-1] or p.startswith("#")]
    return plain_text("\n\n".join(paragraphs))


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_detected_language_of_each_page_is_its_own(code):
    for name in PAGES:
        detected = detector().detect_language_of(prose(code, name))
        assert detected is not None and detected.iso_code_639_1.name.lower() == code, f"{code}/{name}: detected {detected}"


def test_the_detector_tells_languages_apart():
    assert detector().detect_language_of(prose("en", "about.md")).iso_code_639_1.name.lower() == "en"


NEUTRAL = re.compile(r"^(<!-- insert: [a-z-]+ -->|\[\^[a-z0-9-]+\]:.*|[-*]?\s*\[[^\]]*\]\([^)]*\)\.?)$", re.DOTALL)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_paragraph_is_left_in_english(code):
    for name in PAGES:
        english = {p.strip() for p in re.split(r"\n\s*\n", read("en", name).body)}
        for paragraph in re.split(r"\n\s*\n", read(code, name).body):
            paragraph = paragraph.strip()
            if paragraph in english and not NEUTRAL.match(paragraph) and not re.search(r"^\{#[a-z0-9-]+\}$", paragraph, re.MULTILINE):
                # names, citations and URLs may stay as they are; prose may not
                assert not re.search(r"\b[a-z]{4,}\b.*\b[a-z]{4,}\b.*\b[a-z]{4,}\b", plain_text(paragraph)), f"{code}/{name}: {paragraph[:80]}"


def test_chinese_is_simplified():
    traditional_only = set("們這說對會個當與為來時後將還應關係讓與書經問發現實體點過親")
    for name in PAGES:
        text = read("zh", name).body
        found = traditional_only & set(text)
        assert not found, f"zh/{name}: traditional characters {found}"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_interface_strings_are_complete(code):
    import yaml
    english = yaml.safe_load((ROOT / "data" / "ui" / "en.yml").read_text(encoding="utf-8"))
    strings = yaml.safe_load((ROOT / "data" / "ui" / f"{code}.yml").read_text(encoding="utf-8"))
    assert set(strings) == set(english)
    for key, text in english.items():
        assert set(re.findall(r"\{\w+\}", strings[key])) == set(re.findall(r"\{\w+\}", text)), f"{code}: {key}"


def test_source_hash_ignores_line_endings_and_outer_blank_lines():
    assert source_hash("a\nb\n") == source_hash("\n\na\r\nb") != source_hash("a\nc\n")


def test_status_is_current_stale_or_missing():
    original = "---\ntitle: A\n---\n\nText.\n"
    assert page_status("fr", "a.md", source_hash(original), None).state == MISSING
    assert page_status("fr", "a.md", source_hash(original), {"source_hash": source_hash(original)}).state == CURRENT
    changed = original.replace("Text.", "New text.")
    assert page_status("fr", "a.md", source_hash(changed), {"source_hash": source_hash(original)}).state == STALE


def test_a_translation_of_a_changed_english_page_says_so_and_a_current_one_says_nothing(project):
    """The French chapter was made from the English one before it changed; the French home page from
    the English home page as it is (the small project's)."""
    english = page("A chapter", tags=["trust"], body="Some words about trust.\n")
    project.write("docs/en/chapter.md", english.replace("Some words", "Some more words"))
    project.write("docs/fr/chapter.md", page("Un chapitre", tags=["trust"], body="Quelques mots.\n",
                                             source_hash=source_hash(english), reviewed=True))
    stale = project.build("--strict")
    assert stale.returncode == 0, stale.output
    current = stale.html("fr/")
    assert current.select_one('[data-notice="stale"]') is None and current.select_one('[data-notice="unreviewed"]') is None
    assert stale.html("fr/chapter/").select_one('[data-notice="unreviewed"]') is None
    assert re.search(r"INFO .*Translations older than their English page \(1\): fr/chapter\.md\n", stale.output)
    notice = stale.html("fr/chapter/").select_one('[data-notice="stale"]')
    assert notice is not None and notice.a["href"] == "../../chapter/" and notice.a["hreflang"] == "en"
    assert "anglais" in notice.get_text().lower()  # in French, from data/ui/fr.yml


def test_unreviewed_translation_says_so(site):
    note = site.html("fr/understanding-trust/").select_one('[data-notice="unreviewed"]')
    assert note is not None and note.get_text(strip=True)
    assert site.html("understanding-trust/").select_one('[data-notice="unreviewed"]') is None


def test_translation_status_table_on_the_about_page(site):
    table = site.html("about/").select_one(".translation-status table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers == [entry["label"] for entry in load_config_data()["extra"]["languages"][1:]]
    rows = table.select("tbody tr")
    assert len(rows) == len(PAGES)
    assert all("status-current" in td["class"] for row in rows for td in row.select("td"))
    assert site.html("ja/about/").select_one(".translation-status table") is not None
