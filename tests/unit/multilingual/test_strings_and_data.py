"""Interface strings and data files: every bad input names its file (and line) and the fix."""

import re

import pytest

from multilingual.data_files import DataFileError, load_data_file
from multilingual.strings import UiStringsError, load_ui_strings, require_strings
from multilingual.translation_status import CURRENT, STALE, UNTRACKED, page_status, source_hash


def test_a_missing_translation_falls_back_with_a_warning_and_unknown_keys_are_named(tmp_path):
    (tmp_path / "en.yml").write_text('a: "A"\nb: "B"\n', encoding="utf-8")
    (tmp_path / "nl.yml").write_text('a: "Aa"\nc: "C"\n', encoding="utf-8")
    strings, warnings = load_ui_strings(tmp_path, "nl", "en")
    assert strings["a"] == "Aa" and strings["b"] == "B"
    assert any("nl.yml: no translation for 'b'" in w for w in warnings)
    assert any("nl.yml: unknown key 'c'" in w for w in warnings)


def test_a_key_no_file_has_is_a_clear_error_not_a_key_error(tmp_path):
    (tmp_path / "en.yml").write_text('a: "A"\n', encoding="utf-8")
    strings, _ = load_ui_strings(tmp_path, "en", "en")
    with pytest.raises(UiStringsError, match=r"en\.yml: no string 'missing'"):
        strings["missing"]
    with pytest.raises(UiStringsError, match=r"en\.yml: the topic pages needs the interface string\(s\) x, y"):
        require_strings(strings, ("a", "x", "y"), "the topic pages")


def test_strings_must_be_text(tmp_path):
    (tmp_path / "en.yml").write_text('a: "A"\nb: [1, 2]\n', encoding="utf-8")
    with pytest.raises(UiStringsError, match=r"en\.yml: must map each key to a string.*'b' is not"):
        load_ui_strings(tmp_path, "en", "en")


def test_broken_yaml_and_bad_bytes_name_the_line(tmp_path):
    (tmp_path / "bad.yml").write_text('a: "A"\nb: "unclosed\nc: d\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.yml:\d: the file is not valid YAML"):
        load_data_file(tmp_path / "bad.yml")
    (tmp_path / "latin.yml").write_bytes('a: "A"\nb: "caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(DataFileError, match=r"latin\.yml:2: the file is not valid UTF-8"):
        load_data_file(tmp_path / "latin.yml")
    with pytest.raises(DataFileError, match=r"nowhere\.yml: cannot read the file"):
        load_data_file(tmp_path / "nowhere.yml")


def test_a_translation_without_source_hash_is_untracked_not_stale():
    original = "---\ntitle: A\n---\n\nText.\n"
    assert page_status("fr", "a.md", source_hash(original), {"title": "Un"}).state == UNTRACKED
    assert page_status("fr", "a.md", source_hash(original), {"source_hash": source_hash(original)}).state == CURRENT
    assert page_status("fr", "a.md", source_hash(original + "More.\n"), {"source_hash": source_hash(original)}).state == STALE
    assert page_status("fr", "a.md", source_hash(original), {"source_hash": "x", "reviewed": "yes"}).reviewed is False


def test_a_library_without_source_hash_gets_one_warning_per_language():
    from multilingual.translation_status import UNTRACKED, PageStatus, untracked_warnings
    from multilingual.tree import DocsTree
    table = {("fr", f"article-{n:04}.md"): PageStatus("fr", f"article-{n:04}.md", UNTRACKED) for n in range(1000)}
    table[("ar", "about.md")] = PageStatus("ar", "about.md", UNTRACKED)
    table[("ar", "index.md")] = PageStatus("ar", "index.md", "current")
    warnings = untracked_warnings(table, DocsTree("docs", "en", {}))
    assert len(warnings) == 2
    assert warnings[0].startswith("docs/ar/: 1 translation has no `source_hash` (about.md), so no one can tell")
    assert warnings[1].startswith("docs/fr/: 1000 translations have no `source_hash` "
                                  "(article-0000.md, article-0001.md, article-0002.md and 997 more)")
    assert "translations.py done fr --all" in warnings[1]


def test_many_missing_translations_are_one_warning(tmp_path):
    (tmp_path / "en.yml").write_text("".join(f'k{n}: "K"\n' for n in range(40)), encoding="utf-8")
    (tmp_path / "nl.yml").write_text('k0: "Kk"\n', encoding="utf-8")
    _, warnings = load_ui_strings(tmp_path, "nl", "en")
    assert len(warnings) == 1
    assert "no translation for 'k1', 'k2', 'k3', 'k4', 'k5' and 34 more; showing the en text" in warnings[0]


def test_the_engine_refuses_interface_strings_without_one_it_shows_naming_the_file(project):
    """As every language build starts (on_config): before a page is rendered, not at the first page
    that would show the missing string."""
    from multilingual_hook import UI_KEYS, MultilingualHooks

    english = project.path / "data" / "ui" / "en.yml"
    english.write_text(re.sub(r"(?m)^fallback_notice: .*\n", "", english.read_text(encoding="utf-8")), encoding="utf-8")
    assert "fallback_notice" in UI_KEYS
    with pytest.raises(UiStringsError, match=r"data/ui/en\.yml: the multilingual engine needs the interface string\(s\) "
                                             r"fallback_notice\. Add them"):
        MultilingualHooks().on_config(project.mkdocs_config())
