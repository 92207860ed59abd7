"""The language table: what mkdocs.yml declares, and what load_languages refuses."""

import pytest

from conftest import load_config_data
from multilingual.languages import LanguageTableError, find_language, load_languages
from multilingual.context import material_languages

SOURCE_ORDER = "EN IT FR DE PL TR PT RU AR JA CN ES".split()


def entry(code, **overrides):
    return {"code": code, "label": code.upper(), "name": code, "material": code, "hreflang": code, "direction": "ltr", **overrides}


def test_declared_table_follows_the_source_order_and_design():
    languages = load_languages(load_config_data()["extra"]["languages"], material_languages())
    assert [language.label for language in languages] == SOURCE_ORDER
    assert [language.code for language in languages] == "en it fr de pl tr pt ru ar ja zh es".split()
    chinese = find_language(languages, "zh")
    assert (chinese.label, chinese.material, chinese.hreflang, chinese.name) == ("CN", "zh", "zh-Hans", "中文")
    assert find_language(languages, "ar").direction == "rtl"
    assert all(language.direction == "ltr" for language in languages if language.code != "ar")
    assert find_language(languages, "ja").name == "日本語"


def test_a_duplicate_code_is_refused():
    with pytest.raises(LanguageTableError, match="'fr' is listed twice"):
        load_languages([entry("en"), entry("fr"), entry("fr")])


def test_cn_is_not_a_material_language():
    with pytest.raises(LanguageTableError, match="Material has no language 'cn'.*zh"):
        load_languages([entry("en"), entry("cn")], material_languages())


def test_missing_and_unknown_keys_are_named():
    incomplete = entry("fr")
    del incomplete["hreflang"]
    with pytest.raises(LanguageTableError, match=r"^mkdocs\.yml: extra\.languages, entry 2: missing hreflang\.$"):
        load_languages([entry("en"), incomplete])
    with pytest.raises(LanguageTableError, match=r"^mkdocs\.yml: extra\.languages, entry 1: missing label, name, "):
        load_languages([{"code": "en"}])
    with pytest.raises(LanguageTableError, match="unknown key.*colour"):
        load_languages([entry("en", colour="red")])


def test_bad_code_and_direction_are_refused():
    with pytest.raises(LanguageTableError, match="2-3 lowercase letters"):
        load_languages([entry("EN")])
    with pytest.raises(LanguageTableError, match="ltr or rtl"):
        load_languages([entry("en", direction="up")])


def test_find_language_names_the_known_codes():
    with pytest.raises(LanguageTableError, match="Unknown language code 'xx'.*en"):
        find_language(load_languages([entry("en")]), "xx")


def test_open_graph_locales_follow_hreflang_unless_given():
    languages = load_languages([entry("en"), entry("pt", hreflang="pt-BR"), entry("zh", hreflang="zh-Hans"),
                                entry("ar", og_locale="ar_EG")])
    assert [language.og_locale for language in languages] == ["en_US", "pt_BR", "zh_CN", "ar_EG"]
