"""`mkdocs serve` rebuilds (hooks/builds/serve.py): which languages an edit changed (the rebuild waits
for them, the search re-indexes them), from one snapshot of the watched tree kept for the next
rebuild only once this one is complete; and the folder moves that keep every language's pages
served while it is rebuilt in the background."""

import os

from builds.serve import HELD, HELD_ROOT, ServeMemory, ServePlan, changed_languages, hold, hold_root, restore, snapshot

CODES = ["en", "fr", "de"]
ALL = tuple(CODES)


def versions(**files):
    return {os.path.join("/site/docs", *name.split("__")) + ".md": version for name, version in files.items()}


def test_the_first_build_changes_every_language():
    assert changed_languages(None, versions(en__a=(1, 1)), "/site/docs", CODES) == ALL


def test_an_english_edit_changes_english_only():
    before = versions(en__a=(1, 1), fr__a=(1, 1), de__a=(1, 1))
    after = {**before, **versions(en__a=(2, 5))}
    assert changed_languages(before, after, "/site/docs", CODES) == ("en",)


def test_a_translation_edit_or_a_new_translation_changes_its_language():
    before = versions(en__a=(1, 1), fr__a=(1, 1))
    after = {**before, **versions(fr__a=(2, 1), de__a=(3, 3))}
    assert changed_languages(before, after, "/site/docs", CODES) == ("fr", "de")


def test_a_change_outside_the_language_folders_changes_every_language():
    before = {**versions(en__a=(1, 1)), "/site/data/ui/fr.yml": (1, 1)}
    after = {**before, "/site/data/ui/fr.yml": (2, 1)}
    assert changed_languages(before, after, "/site/docs", CODES) == ALL


def test_nothing_changed_changes_nothing():
    before = versions(en__a=(1, 1))
    assert changed_languages(before, dict(before), "/site/docs", CODES) == ()


def test_a_snapshot_lists_the_files_of_folders_and_single_files(tmp_path):
    (tmp_path / "docs" / "fr").mkdir(parents=True)
    (tmp_path / "docs" / "fr" / "a.md").write_text("x")
    (tmp_path / "mkdocs.yml").write_text("y")
    watched = snapshot([str(tmp_path / "docs"), str(tmp_path / "mkdocs.yml")])
    assert set(watched) == {str(tmp_path / "docs" / "fr" / "a.md"), str(tmp_path / "mkdocs.yml")}


def test_a_snapshot_walks_the_tree_as_os_walk_does(tmp_path):
    docs = tmp_path / "docs"
    (docs / "en" / "guide" / "deep").mkdir(parents=True)
    (docs / "en" / "guide" / "deep" / "b.md").write_text("bb")
    (docs / "en" / ".hidden.md").write_text("h")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.md").write_text("c")
    (docs / "en" / "linked").symlink_to(tmp_path / "elsewhere")  # a link to a folder: not followed
    (docs / "en" / "a.md").symlink_to(tmp_path / "elsewhere" / "c.md")  # a link to a file: its target's version
    (docs / "en" / "broken.md").symlink_to(tmp_path / "nowhere.md")
    expected = {}
    for folder, _, names in os.walk(docs):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.exists(path):
                stat = os.stat(path)
                expected[path] = (stat.st_mtime_ns, stat.st_size)
    assert snapshot([str(docs)]) == expected
    assert str(docs / "en" / "guide" / "deep" / "b.md") in expected and str(docs / "en" / "a.md") in expected
    assert not any("elsewhere" in path or "linked" in path for path in expected)


def test_held_languages_survive_cleaning_and_come_back(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "index.html").write_text("old")
    hold(str(tmp_path), ["fr", "de"])
    assert sorted(os.listdir(tmp_path)) == [HELD + "fr"]  # hidden: MkDocs' cleaning keeps it
    restore(str(tmp_path), ["fr", "de"])
    assert (tmp_path / "fr" / "index.html").read_text() == "old"


def test_the_default_languages_files_are_held_aside_whole_and_the_languages_and_hidden_entries_left(tmp_path):
    for name in ("index.html", "about/index.html", "assets/site.css", "fr/index.html", ".staging/fr/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    held = hold_root(str(tmp_path), ["fr", "de"])
    assert held == str(tmp_path / HELD_ROOT)
    assert sorted(os.listdir(tmp_path)) == [".held-root", ".staging", "fr"]
    assert sorted(os.listdir(held)) == ["about", "assets", "index.html"]
    assert (tmp_path / HELD_ROOT / "about" / "index.html").read_text() == "about/index.html"


# --- ServePlan: one snapshot, what changed, what the rebuild waits for ----------------------------------

def test_a_rebuild_waits_for_and_reindexes_the_languages_its_snapshot_shows_changed():
    memory = ServeMemory(when_quiet=lambda still_quiet: None)
    first = ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(1, 1)))
    assert first.changed == ALL and first.waiting == ["fr", "de"]
    first.finish_languages()  # no worker to wait for here: complete
    second = ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(2, 1)))
    assert second.changed == ("fr",) and second.waiting == ["fr"]
    second.finish_languages()
    third = ServePlan(memory, CODES, "/site/docs", versions(en__a=(2, 2), fr__a=(2, 1)))
    assert third.changed == ("en",) and third.waiting == []  # the main build is English itself


def test_a_failed_rebuilds_changes_are_waited_for_and_reindexed_at_the_next():
    memory = ServeMemory(when_quiet=lambda still_quiet: None)
    ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(1, 1))).finish_languages()
    failed = ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(2, 1)))
    failed.finish_languages()  # its languages were built, then it failed (a --strict warning, say)
    failed.fail()
    fixed = ServePlan(memory, CODES, "/site/docs", versions(en__a=(2, 1), fr__a=(2, 1)))
    assert fixed.changed == ("en", "fr")


def test_a_rebuild_that_fails_before_its_languages_are_built_leaves_the_last_complete_snapshot():
    memory = ServeMemory(when_quiet=lambda still_quiet: None)
    ServePlan(memory, CODES, "/site/docs", versions(fr__a=(1, 1))).finish_languages()
    ServePlan(memory, CODES, "/site/docs", versions(fr__a=(2, 1))).fail()
    assert ServePlan(memory, CODES, "/site/docs", versions(fr__a=(2, 1))).changed == ("fr",)


def test_the_memory_is_tidied_after_a_rebuild_only_if_no_other_began_meanwhile():
    waiting: list = []
    memory = ServeMemory(when_quiet=waiting.append)
    ServePlan(memory, CODES, "/site/docs", versions(fr__a=(1, 1))).finish_languages()
    assert len(waiting) == 1 and waiting[0]()  # quiet: nothing began since
    failed = ServePlan(memory, CODES, "/site/docs", versions(fr__a=(2, 1)))
    assert not waiting[0]()  # a rebuild began: the first tidying is not done under it
    failed.fail()
    assert len(waiting) == 2 and waiting[1]()


def test_language_folders_are_hashed_again_unless_unchanged_since_the_last_complete_rebuild_hashed_them():
    memory = ServeMemory(when_quiet=lambda still_quiet: None)
    first = ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(1, 1), de__a=(1, 1)))
    assert first.unchanged_folders() == {}  # nothing hashed yet
    memory.folders = (first.watched, {"en": "E", "fr": "F", "de": "D"})  # as its work_out_keys leaves them
    first.finish_languages()
    second = ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(2, 1), de__a=(1, 1)))
    assert second.unchanged_folders() == {"en": "E", "de": "D"}  # French changed: hashed again
    memory.folders = (second.watched, {"en": "E", "fr": "F2", "de": "D"})
    second.fail()  # what it hashed belongs to no complete rebuild
    third = ServePlan(memory, CODES, "/site/docs", versions(en__a=(1, 1), fr__a=(2, 1), de__a=(1, 1)))
    assert third.unchanged_folders() == {}
