"""The helplines folder (hooks/guide/helplines.py) and the help page built from it (guide/help_page.py),
on small folders written here, not on the guide's data."""

from __future__ import annotations

import pytest

from guide.help_page import coverage_table, help_countries, phone_href, sort_key
from guide.helplines import Contact, HelplinesError, digits, load_helplines

OFFICIAL = {"url": "https://gov.example/help", "kind": "government", "read": "2026-12-06"}


def evidence(sentence: str, **overrides) -> dict:
    return {**OFFICIAL, "sentence": sentence, **overrides}


def write_folder(tmp_path, countries: dict, by_language: str = "en: [GB]\nfr: [FR, BE]\n"):
    import yaml
    (tmp_path / "directory.yml").write_text("name: findahelpline.com\nurl: https://findahelpline.com/\n", encoding="utf-8")
    (tmp_path / "countries.yml").write_text(by_language, encoding="utf-8")
    for code, data in countries.items():
        (tmp_path / f"{code}.yml").write_text(yaml.safe_dump({"country": code, **data}, allow_unicode=True), encoding="utf-8")
    return str(tmp_path)


FRANCE = {
    "emergency": [{"number": "17", "serves": ["police"], "evidence": [evidence("Composez le 17 pour la police.")]}],
    "violence": [{"name": "3919", "contacts": [{"call": "39 19"}], "notes": ["hours_24"],
                  "evidence": [evidence("Le 3919 répond jour et nuit.")]}],
}


def test_a_country_file_loads_with_its_numbers_and_evidence(tmp_path):
    helplines = load_helplines(write_folder(tmp_path, {"FR": FRANCE}))
    assert helplines.numbers() == {"17", "39 19"}
    assert helplines.countries["FR"].violence[0].notes == ("hours_24",)
    assert helplines.by_language == {"en": ("GB",), "fr": ("FR", "BE")}
    assert helplines.last_read() == "2026-12-06"


@pytest.mark.parametrize(("change", "message"), [
    (lambda fr: fr["emergency"][0].pop("evidence"), r"FR\.yml: emergency 1 \(17\) has no `evidence`"),
    (lambda fr: fr["emergency"][0]["evidence"][0].update(sentence="Appelez la police."),
     r"FR\.yml: emergency 1 \(17\): no evidence sentence states 17"),
    (lambda fr: fr["emergency"][0]["evidence"][0].update(kind="news"),
     r"17 is stated only by news, a directory or another third party on one site"),
    (lambda fr: fr["emergency"][0]["evidence"][0].update(read="6 December 2026"), r"`read` must be a date written YYYY-MM-DD"),
    (lambda fr: fr["emergency"][0]["evidence"][0].update(url="gov.example/help"), r"`url` must be the http\(s\) address"),
    (lambda fr: fr["emergency"][0].update(serves=["coastguard"]), r"`serves` must list general, police, ambulance, fire"),
    (lambda fr: fr["violence"][0].update(notes=["always"]), r"violence 1 \(3919\): unknown note\(s\) always"),
    (lambda fr: fr["violence"][0].update(contacts=[{"text": "39 19"}]), r"a `text` contact needs the `keyword`"),
    (lambda fr: fr["violence"][0].update(contacts=[{"phone": "39 19"}]), r"each contact needs one of call"),
])
def test_a_number_without_sound_evidence_stops_the_build_naming_file_and_entry(tmp_path, change, message):
    france = __import__("copy").deepcopy(FRANCE)
    change(france)
    with pytest.raises(HelplinesError, match=message):
        load_helplines(write_folder(tmp_path, {"FR": france}))


def test_secondary_sources_count_on_two_different_sites(tmp_path):
    france = __import__("copy").deepcopy(FRANCE)
    france["emergency"][0]["evidence"] = [
        evidence("Le 17 : police.", kind="news", url="https://news-one.example/a"),
        evidence("Police, composez le 17.", kind="directory", url="https://news-one.example/b"),
    ]
    with pytest.raises(HelplinesError, match="on one site"):
        load_helplines(write_folder(tmp_path, {"FR": france}))
    france["emergency"][0]["evidence"][1]["url"] = "https://other.example/b"
    assert "17" in load_helplines(write_folder(tmp_path, {"FR": france})).numbers()


def test_the_file_name_is_its_country(tmp_path):
    folder = write_folder(tmp_path, {"FR": FRANCE})
    (tmp_path / "BE.yml").write_text("country: FR\n", encoding="utf-8")
    with pytest.raises(HelplinesError, match=r"BE\.yml: the file must start with `country: BE`"):
        load_helplines(folder)


def test_digits_are_compared_whatever_the_script():
    assert digits("١١٩") == "119" and digits("＃８００８") == "8008" and digits("1-800-799-SAFE (7233)") == "18007997233"


def test_phone_links_dial_the_digits():
    assert phone_href(Contact("call", "#8008")) == "tel:%238008"
    assert phone_href(Contact("call", "+44 808 2000 247")) == "tel:+448082000247"
    assert phone_href(Contact("sms", "3060")) == "sms:3060"
    assert phone_href(Contact("text", "88788", "START")) == "sms:88788?body=START"


UI = {"list_separator": ", ", "help_general": "Emergency", "help_police": "Police", "help_ambulance": "Ambulance",
      "help_fire": "Fire", "helpline_note_hours_24": "24 hours a day"}


def test_the_readers_countries_come_first_then_the_others_by_their_name_in_the_readers_language(tmp_path):
    germany = {"emergency": [{"number": "110", "serves": ["police"], "evidence": [evidence("Polizei: 110")]}]}
    austria = {"emergency": [{"number": "133", "serves": ["police"], "evidence": [evidence("Polizei: 133")]}]}
    helplines = load_helplines(write_folder(tmp_path, {"FR": FRANCE, "DE": germany, "AT": austria}))
    own, others = help_countries(helplines, "fr", "fr", UI)
    assert [(c.code, c.name) for c in own] == [("FR", "France"), ("BE", "Belgique")]
    assert own[1].emergency == () and own[1].lines == ()  # no file: the page offers the directory
    assert [c.name for c in others] == ["Allemagne", "Autriche"]
    own, others = help_countries(helplines, "de", "de", UI)
    assert own == [] and [c.name for c in others] == ["Deutschland", "Frankreich", "Österreich"]
    assert str(others[0].emergency[0][1]) == '<a class="phone" dir="ltr" href="tel:110">110</a>'


def test_sort_key_puts_accented_letters_with_their_base_letter():
    assert sorted(["Zypern", "Österreich", "Oman"], key=sort_key) == ["Oman", "Österreich", "Zypern"]


def test_the_coverage_table_counts_each_kind_per_language(tmp_path):
    helplines = load_helplines(write_folder(tmp_path, {"FR": FRANCE}))
    table = coverage_table(helplines)
    assert "| fr | 2 | 1 | 1 | 0 |" in table and "| en | 1 | 0 | 0 | 0 |" in table
    assert "- no evidenced emergency number (directory only): BE, GB" in table
