"""hooks/multilingual/translation_history.py against a real git repository made in the test: an
English page committed in three versions, a French translation made from the second."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import git

import multilingual.translation_history as history
from multilingual.translation_history import (
    HistoryError, NeverCommitted, changed_lines, find_source_version, folder_versions,
    last_changed_dates, lines_changed_since, unified_diff,
)
from multilingual.translation_status import source_hash

FRONT = "---\ntitle: A page\ndescription: A page.\ntags: []\n---\n\n"
V1 = FRONT + "## One {#one}\n\nFirst paragraph.\n\n## Two {#two}\n\nSecond paragraph.\n"
V2 = V1.replace("First paragraph.", "First paragraph, reworded.")
V3 = V2.replace("Second paragraph.", "Second paragraph, longer now.") + "\n## Three {#three}\n\nThird paragraph.\n"
V2_TO_V3 = 5  # one line edited, four added (blank, heading, blank, paragraph)
OTHER = FRONT + "Another page.\n"
DATES = ["2026-01-10", "2026-02-20", "2026-03-30"]


def commit(folder: Path, files: dict[str, str], date: str) -> str:
    """Write these files and commit everything on `date`; the new commit's id."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", f"version of {date}", date=date)
    return git(folder, "rev-parse", "HEAD")


@dataclass
class Repo:
    """A repository's folder, and the ids of its first three commits."""

    path: Path
    commits: list[str] = field(default_factory=list)


@pytest.fixture
def repo(tmp_path) -> Repo:
    """docs/en/page.md in three commits (V1, V2, V3); docs/fr/page.md made from V2."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    return Repo(root, [
        commit(root, {"docs/en/page.md": V1, "docs/en/other.md": OTHER}, DATES[0]),
        commit(root, {"docs/en/page.md": V2, "docs/fr/page.md": V2.replace("tags: []", f"tags: []\nsource_hash: {source_hash(V2)}")}, DATES[1]),
        commit(root, {"docs/en/page.md": V3}, DATES[2]),
    ])


def docs(repo: Repo) -> str:
    return str(repo.path / "docs")


def english(repo: Repo, name="page.md") -> str:
    return str(repo.path / "docs" / "en" / name)


@pytest.fixture
def git_calls(monkeypatch):
    """The git commands translation_history runs, in order."""
    calls = []
    run = subprocess.run

    def counting(args, *rest, **kwargs):
        calls.append(args[1])
        return run(args, *rest, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    return calls


def test_the_recorded_hash_finds_the_version_the_translation_was_made_from(repo):
    version, text = find_source_version(english(repo), source_hash(V2))
    assert (version.commit, version.date, text) == (repo.commits[1], DATES[1], V2)
    assert find_source_version(english(repo), source_hash(V1))[0].commit == repo.commits[0]
    assert find_source_version(english(repo), source_hash("never written\n")) is None


def test_the_diff_shows_the_english_changes_since_that_version_only(repo):
    version, old = find_source_version(english(repo), source_hash(V2))
    diff = unified_diff(old, V3, "docs/en/page.md", version.commit[:12], "now")
    lines = diff.splitlines()
    assert lines[0] == f"--- docs/en/page.md\t{repo.commits[1][:12]}" and lines[1] == "+++ docs/en/page.md\tnow"
    changes = [line for line in lines[2:] if line[:1] in "+-"]
    assert changes == ["-Second paragraph.", "+Second paragraph, longer now.", "+", "+## Three {#three}", "+", "+Third paragraph."]
    assert unified_diff(V3, V3, "docs/en/page.md", "a", "b") == ""


def test_changed_lines_counts_each_edited_added_or_removed_line_once():
    assert changed_lines(V2, V3) == V2_TO_V3
    assert changed_lines(V1, V2) == 1
    assert changed_lines(V3, V2) == V2_TO_V3
    assert changed_lines("a\nb\nc\n", "a\nc\n") == 1
    # What source_hash ignores does not count: line endings and outer blank lines.
    assert changed_lines(V3, "\n\n" + V3.replace("\n", "\r\n") + "\n") == 0


def test_lines_changed_since_many_recorded_hashes_in_two_git_calls(repo, git_calls):
    recorded = {"page.md": {source_hash(V1), source_hash(V2), source_hash(V3), "0123abcd4567"}, "other.md": {source_hash(V1)}}
    assert lines_changed_since(docs(repo), "en", recorded) == {
        ("page.md", source_hash(V1)): changed_lines(V1, V3),
        ("page.md", source_hash(V2)): V2_TO_V3,
        ("page.md", source_hash(V3)): 0,  # current: git is not even asked
        ("page.md", "0123abcd4567"): None,  # no committed version has it: unknown, not a guess
        ("other.md", source_hash(V1)): None,
    }
    assert git_calls == ["log", "cat-file"]


def test_the_date_is_the_committer_date_of_the_last_commit_for_all_pages_in_one_git_log(repo, git_calls):
    assert last_changed_dates(docs(repo), "en", ["page.md", "other.md", "not-committed.md"]) == {
        "page.md": DATES[2], "other.md": DATES[0], "not-committed.md": None,
    }
    assert git_calls == ["rev-parse", "log"]  # whatever the number of pages


def test_an_uncommitted_edit_has_no_date(repo):
    (repo.path / "docs" / "en" / "page.md").write_text(V3 + "\nA sentence not committed yet.\n", encoding="utf-8")
    assert last_changed_dates(docs(repo), "en", ["page.md", "other.md"]) == {"page.md": None, "other.md": DATES[0]}
    (repo.path / "docs" / "en" / "page.md").write_text(V3, encoding="utf-8")  # the committed text again
    assert last_changed_dates(docs(repo), "en", ["page.md"]) == {"page.md": DATES[2]}


def test_a_shallow_clone_has_no_dates(repo, tmp_path):
    shallow, full = tmp_path / "shallow", tmp_path / "full"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo.path}", str(shallow))
    git(tmp_path, "clone", "-q", f"file://{repo.path}", str(full))
    # In the shallow clone, the one commit seems to add every file: other.md would get a wrong date.
    assert last_changed_dates(str(shallow / "docs"), "en", ["page.md", "other.md"]) == {"page.md": None, "other.md": None}
    assert last_changed_dates(str(full / "docs"), "en", ["page.md", "other.md"]) == {"page.md": DATES[2], "other.md": DATES[0]}


def test_without_git_nothing_is_guessed(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    with pytest.raises(HistoryError, match="git is not installed"):
        find_source_version(english(repo), source_hash(V2))
    assert last_changed_dates(docs(repo), "en", ["page.md"]) == {"page.md": None}
    assert lines_changed_since(docs(repo), "en", {"page.md": {source_hash(V2), source_hash(V3)}}) == {
        ("page.md", source_hash(V2)): None, ("page.md", source_hash(V3)): 0,
    }


def test_outside_a_repository_and_before_the_first_commit(repo, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(repo.path / "docs", plain / "docs")
    with pytest.raises(HistoryError, match="is not inside a git repository"):
        find_source_version(str(plain / "docs" / "en" / "page.md"), source_hash(V2))
    assert last_changed_dates(str(plain / "docs"), "en", ["page.md"]) == {"page.md": None}
    (repo.path / "docs" / "en" / "new.md").write_text(OTHER, encoding="utf-8")
    with pytest.raises(NeverCommitted, match="new.md has never been committed"):
        find_source_version(english(repo, "new.md"), source_hash(OTHER))


def test_a_renamed_english_page_is_followed_to_its_old_name(repo):
    git(repo.path, "mv", "docs/en/page.md", "docs/en/renamed.md")
    git(repo.path, "commit", "-q", "-m", "rename", date="2026-04-04")
    assert find_source_version(english(repo, "renamed.md"), source_hash(V2))[0].commit == repo.commits[1]
    assert lines_changed_since(docs(repo), "en", {"renamed.md": {source_hash(V2)}}) == {("renamed.md", source_hash(V2)): V2_TO_V3}
    assert last_changed_dates(docs(repo), "en", ["renamed.md"]) == {"renamed.md": "2026-04-04"}


def test_page_names_with_spaces_and_accents_and_subfolders(repo):
    commit(repo.path, {"docs/en/guide/é t.md": OTHER}, "2026-05-05")
    versions = folder_versions(english(repo, "").rstrip(os.sep), ["guide/é t.md", "page.md"])
    assert [v.date for v in versions["guide/é t.md"]] == ["2026-05-05"]
    assert [v.date for v in versions["page.md"]] == list(reversed(DATES))
