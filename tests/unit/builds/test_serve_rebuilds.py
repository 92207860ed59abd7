"""`mkdocs serve` rebuilds (hooks/builds/serve.py): which languages a rebuild waits for, and the
folder moves that keep every language's pages served while it is rebuilt in the background."""

import os

from builds.serve import HELD, file_versions, hold, languages_to_wait_for, restore

CODES = ["en", "fr", "de"]


def snapshot(**files):
    return {os.path.join("/site/docs", *name.split("__")) + ".md": version for name, version in files.items()}


def test_first_build_waits_for_every_language():
    assert languages_to_wait_for(None, snapshot(en__a=(1, 1)), "/site/docs", CODES) == CODES


def test_an_english_edit_waits_for_english_only():
    before = snapshot(en__a=(1, 1), fr__a=(1, 1), de__a=(1, 1))
    after = {**before, **snapshot(en__a=(2, 5))}
    assert languages_to_wait_for(before, after, "/site/docs", CODES) == ["en"]


def test_a_translation_edit_or_a_new_translation_waits_for_its_language():
    before = snapshot(en__a=(1, 1), fr__a=(1, 1))
    after = {**before, **snapshot(fr__a=(2, 1), de__a=(3, 3))}
    assert languages_to_wait_for(before, after, "/site/docs", CODES) == ["fr", "de"]


def test_a_change_outside_the_language_folders_waits_for_every_language():
    before = {**snapshot(en__a=(1, 1)), "/site/data/ui/fr.yml": (1, 1)}
    after = {**before, "/site/data/ui/fr.yml": (2, 1)}
    assert languages_to_wait_for(before, after, "/site/docs", CODES) == CODES


def test_nothing_changed_waits_for_nothing():
    before = snapshot(en__a=(1, 1))
    assert languages_to_wait_for(before, dict(before), "/site/docs", CODES) == []


def test_file_versions_lists_files_of_folders_and_single_files(tmp_path):
    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "fr" / "a.md").write_text("x")
    (tmp_path / "mkdocs.yml").write_text("y")
    versions = file_versions([str(tmp_path / "docs"), str(tmp_path / "mkdocs.yml")])
    assert set(versions) == {str(tmp_path / "docs" / "fr" / "a.md"), str(tmp_path / "mkdocs.yml")}


def test_held_languages_survive_cleaning_and_come_back(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "index.html").write_text("old")
    hold(str(tmp_path), ["fr", "de"])
    assert sorted(os.listdir(tmp_path)) == [HELD + "fr"]  # hidden: MkDocs' cleaning keeps it
    restore(str(tmp_path), ["fr", "de"])
    assert (tmp_path / "fr" / "index.html").read_text() == "old"
