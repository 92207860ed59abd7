"""Every language keeps the guide's key terms (data/glossary/<code>.yml), no page or interface string
claims a check that never happened, and every translated page gives the English page's figures."""

import re
from functools import cache

import pytest
import yaml

from conftest import ROOT, load_config_data
from multilingual.sources import read_page_source
from guide.reading_time import plain_text

CODES = [entry["code"] for entry in load_config_data()["extra"]["languages"]]
TRANSLATIONS = CODES[1:]
PAGES = sorted(p.relative_to(ROOT / "docs" / "en").as_posix() for p in (ROOT / "docs" / "en").rglob("*.md"))


@cache
def glossary(code: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "glossary" / f"{code}.yml").read_text(encoding="utf-8"))


@cache
def page_text(code: str, name: str) -> str:
    """What a reader reads of a page: its title, description and body without markup or link targets."""
    source = read_page_source(ROOT / "docs" / code / name)
    return "\n".join([str(source.meta.get("title", "")), str(source.meta.get("description", "")),
                      plain_text(source.body)])


def ui_strings(code: str) -> dict[str, str]:
    return yaml.safe_load((ROOT / "data" / "ui" / f"{code}.yml").read_text(encoding="utf-8"))


def topic_texts(code: str) -> dict[str, str]:
    """The topic labels and descriptions of a language: shown as chips and on the topic pages."""
    registry = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))
    return {f"data/topics.yml: {topic['slug']} ({code})": f"{topic[code]['label']}\n{topic[code]['description']}"
            for topic in registry}


def matches(patterns: list[str], text: str) -> bool:
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in patterns)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_glossary_covers_every_concept(code):
    assert set(glossary(code)["terms"]) >= set(glossary("en")["terms"])
    for concept, entry in glossary(code)["terms"].items():
        assert entry.get("use"), f"data/glossary/{code}.yml: {concept} has no `use` words"
        for avoided in entry.get("avoid") or []:
            assert avoided.get("pattern") and avoided.get("why"), f"{code}: {concept}: avoid needs pattern and why"
    assert glossary(code).get("never_claim"), f"data/glossary/{code}.yml: list never_claim phrases"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_each_page_uses_the_glossary_term_wherever_english_uses_the_concept(code):
    missing = []
    for name in PAGES:
        for concept, english in glossary("en")["terms"].items():
            if matches(english["use"], page_text("en", name)) and not matches(glossary(code)["terms"][concept]["use"], page_text(code, name)):
                missing.append(f"docs/{code}/{name}: no word for {concept!r} ({glossary(code)['terms'][concept]['use']})")
    assert not missing, "\n".join(missing)


def pages_and_ui_strings(code: str) -> dict[str, str]:
    """Every page and UI string of a language, by where it is (for messages)."""
    texts = {f"docs/{code}/{name}": page_text(code, name) for name in PAGES}
    texts.update({f"data/ui/{code}.yml: {key}": value for key, value in ui_strings(code).items()})
    return texts


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_page_or_interface_string_uses_an_avoided_word(code):
    texts = {**pages_and_ui_strings(code), **topic_texts(code)}
    found = []
    for concept, entry in glossary(code)["terms"].items():
        for avoided in entry.get("avoid") or []:
            for where, text in texts.items():
                for match in re.finditer(avoided["pattern"], text, re.IGNORECASE):
                    found.append(f"{where}: {match.group(0)!r} ({concept}: {avoided['why']})")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("code", CODES)
def test_nothing_claims_a_check_that_did_not_happen(code):
    claims = [f"{where}: {match.group(0)!r}" for where, text in pages_and_ui_strings(code).items()
              for pattern in glossary(code)["never_claim"] for match in re.finditer(pattern, text, re.IGNORECASE)]
    assert not claims, "\n".join(claims)


def test_never_claim_catches_the_old_help_page_sentence():
    """The sentence the help page used to show, in English, French and Japanese, is caught."""
    old = {
        "en": "Services listed here were checked on their official sites on the date shown.",
        "fr": "Les services indiqués ici ont été vérifiés sur leur site officiel à la date mentionnée.",
        "ja": "ここに掲載しているサービスは、表示された日付に公式サイトで確認したものです。",
    }
    for code, sentence in old.items():
        assert matches(glossary(code)["never_claim"], sentence), code


ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(code: str, name: str) -> set[str]:
    """The figures of a page's body (digits, decimal commas read as points), not counting link
    targets, ids and footnote labels, which plain_text leaves out."""
    text = plain_text(read_page_source(ROOT / "docs" / code / name).body).translate(ARABIC_INDIC)
    return {re.sub(r"(?<=\d),(?=\d{1,2}\b)", ".", figure).replace(",", "") for figure in FIGURE.findall(text)}


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_figure_of_a_translation_is_the_english_pages(code):
    differences = []
    for name in PAGES:
        english, translated = figures("en", name), figures(code, name)
        if english != translated:
            differences.append(f"docs/{code}/{name}: missing {sorted(english - translated)}, "
                               f"not in English {sorted(translated - english)}")
    assert not differences, "\n".join(differences)


def test_figures_reads_decimal_commas_and_arabic_digits(tmp_path, monkeypatch):
    assert {re.sub(r"(?<=\d),(?=\d{1,2}\b)", ".", f) for f in FIGURE.findall("45,2 % und 1,5".translate(ARABIC_INDIC))} == {"45.2", "1.5"}
    assert FIGURE.findall("٢٥ امرأة".translate(ARABIC_INDIC)) == ["25"]
