"""scripts/translations.py, run as a translator runs it, in a small copy of the project (the `project`
fixture: en, fr, ar): the output and exit code of every command and of each bad input."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from conftest import ROOT, Project, page
from conftest import git
from multilingual.translation_status import source_hash

SCRIPT = ROOT / "scripts" / "translations.py"
CHAPTER = page("A chapter", tags=["trust", "betrayal"], body="## Trust {#trust}\n\nSome words about trust.[^rempel-1985]\n\n"
               "[^rempel-1985]: Rempel (1985). See [Help](getting-help.md).\n")
FRENCH = page("Un chapitre", description="Une page.", tags=["trust", "betrayal"], body="## Confiance {#trust}\n\n"
              "Quelques mots sur la confiance.[^rempel-1985]\n\n[^rempel-1985]: Rempel (1985). Voir [Aide](getting-help.md).\n")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run(project: Project, *args: str) -> Run:
    """The tool, from the project's root, as README says."""
    project.write_config()
    result = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=project.path, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return Run(result.returncode, result.stdout, result.stderr)


def commit(project: Project, date: str) -> None:
    if not (project.path / ".git").exists():
        git(project.path, "init", "-q")
    git(project.path, "add", "-A")
    git(project.path, "commit", "-q", "-m", f"change of {date}", date=date)


def row(output: str, name: str, code: str) -> list[str]:
    """The cells of the status table's row for one page in one language."""
    for line in output.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[:2] == [name, code]:
            return cells
    raise AssertionError(f"no row for {name} {code} in:\n{output}")


@pytest.fixture
def chaptered(project: Project) -> Project:
    """The project with an English chapter (a heading id, a footnote, a link), in git."""
    project.write("docs/en/chapter.md", CHAPTER)
    commit(project, "2026-03-01")
    return project


def test_help_reads_well():
    result = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for needed in ("status", "diff", "new", "done", "status --lang fr", "Exit codes"):
        assert needed in result.stdout, needed


def test_status_of_every_page_and_language(project):
    result = run(project, "status")
    assert result.returncode == 0, result.stderr
    assert row(result.stdout, "index.md", "fr") == ["index.md", "fr", "current", "yes"]
    assert row(result.stdout, "chapter.md", "ar")[2] == "missing"
    assert len([line for line in result.stdout.splitlines() if line.split(" ")[0].endswith(".md")]) == 3 * 2
    assert "fr: 1 current, 0 out of date, 0 without source_hash, 2 missing" in result.stdout
    only = run(project, "status", "--lang", "ar")
    assert " fr " not in only.stdout and row(only.stdout, "index.md", "ar")[2] == "missing"


def test_new_copies_the_english_page_with_its_source_and_refuses_to_overwrite(chaptered):
    result = run(chaptered, "new", "fr", "chapter.md")
    assert result.returncode == 0, result.stderr
    assert "Created docs/fr/chapter.md" in result.stdout and result.stderr == ""  # the English is committed
    made = (chaptered.path / "docs/fr/chapter.md").read_text(encoding="utf-8")
    front, body = CHAPTER.split("---\n\n", 1)
    assert made == f"{front}source_hash: {source_hash(CHAPTER)}\nreviewed: false\n---\n\n{body}"
    again = run(chaptered, "new", "fr", "docs/en/chapter.md")
    assert again.returncode == 2 and "docs/fr/chapter.md already exists" in again.stderr and "done fr chapter.md" in again.stderr
    assert (chaptered.path / "docs/fr/chapter.md").read_text(encoding="utf-8") == made


def test_new_of_an_uncommitted_page_says_to_commit_it(project):
    project.write("docs/en/chapter.md", "No front matter here.\n")
    result = run(project, "new", "ar", "chapter.md")
    assert result.returncode == 0
    made = (project.path / "docs/ar/chapter.md").read_text(encoding="utf-8")
    assert made == f"---\nsource_hash: {source_hash('No front matter here.')}\nreviewed: false\n---\n\nNo front matter here.\n"
    assert result.stderr == ""  # no git repository here: nothing to commit to
    commit(project, "2026-03-01")
    project.write("docs/en/getting-help.md", page("Getting help", body="Changed, not committed.\n"))
    assert "is not committed; commit it" in run(project, "new", "fr", "getting-help.md").stderr


def test_status_diff_and_done_when_the_english_page_changes(chaptered):
    run(chaptered, "new", "fr", "chapter.md")
    chaptered.write("docs/fr/chapter.md", FRENCH.replace("tags:", f"source_hash: {source_hash(CHAPTER)}\nreviewed: true\ntags:"))
    commit(chaptered, "2026-03-02")
    chaptered.write("docs/en/chapter.md", CHAPTER.replace("Some words about trust.", "Some more words about trust.\n\nA new paragraph."))
    commit(chaptered, "2026-03-15")

    status = run(chaptered, "status")
    assert status.returncode == 1
    assert row(status.stdout, "chapter.md", "fr") == ["chapter.md", "fr", "out of date", "3 lines changed, last on 2026-03-15", "yes"]
    assert "1 translation is out of date" in status.stdout and "diff CODE PAGE" in status.stdout
    assert run(chaptered, "status", "--lang", "ar").returncode == 0  # nothing of Arabic is out of date

    diff = run(chaptered, "diff", "fr", "chapter.md")
    assert diff.returncode == 0 and "2026-03-01" in diff.stderr
    assert diff.stdout.splitlines()[:2] == [f"--- docs/en/chapter.md\t{git(chaptered.path, 'rev-parse', 'HEAD~2')[:12]} 2026-03-01",
                                            "+++ docs/en/chapter.md\tnow"]
    assert [line for line in diff.stdout.splitlines()[2:] if line[:1] in "+-"] == [
        "-Some words about trust.[^rempel-1985]", "+Some more words about trust.", "+", "+A new paragraph.[^rempel-1985]"]

    before = (chaptered.path / "docs/fr/chapter.md").read_bytes()
    done = run(chaptered, "done", "fr", "docs/fr/chapter.md")
    assert done.returncode == 0 and "it is now current" in done.stdout
    assert "still says reviewed: true" in done.stderr  # the tool does not decide that for the reviewer
    after = (chaptered.path / "docs/fr/chapter.md").read_bytes()
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
    assert changed == [(f"source_hash: {source_hash(CHAPTER)}".encode(), f"source_hash: {source_hash(english_now(chaptered))}".encode())]
    assert len(before) == len(after)
    assert run(chaptered, "status").returncode == 0
    assert "is current" in run(chaptered, "diff", "fr", "chapter.md").stdout
    again = run(chaptered, "done", "fr", "chapter.md")
    assert again.returncode == 0 and "nothing to do" in again.stdout


def english_now(project: Project) -> str:
    return (project.path / "docs/en/chapter.md").read_text(encoding="utf-8")


def test_done_changes_only_the_source_hash_line_or_adds_it(project):
    english = (project.path / "docs/en/index.md").read_text(encoding="utf-8")
    odd = ("---\n# a comment the translator wrote\ntitle:   'Accueil'   \nsource_hash:   0123456789ab  # old\n"
           "tags: []\n---\n\nTexte  avec  espaces.   \n\n\n")
    project.write("docs/fr/index.md", odd)
    assert run(project, "done", "fr", "index.md").returncode == 0
    assert (project.path / "docs/fr/index.md").read_text(encoding="utf-8") == odd.replace(
        "source_hash:   0123456789ab  # old", f"source_hash: {source_hash(english)}")
    project.write("docs/fr/index.md", "---\ntitle: Accueil\n---\nTexte.")
    assert run(project, "done", "fr", "index.md").returncode == 0
    assert (project.path / "docs/fr/index.md").read_text(encoding="utf-8") == f"---\ntitle: Accueil\nsource_hash: {source_hash(english)}\n---\nTexte."


def test_no_source_hash_is_reported_and_diff_falls_back_to_the_english_page(project):
    project.write("docs/fr/index.md", "---\ntitle: Accueil\n---\n\nTexte.\n")
    status = run(project, "status", "--lang", "fr")
    assert status.returncode == 1 and row(status.stdout, "index.md", "fr")[2:4] == ["no source_hash", "unknown: no source_hash"]
    diff = run(project, "diff", "fr", "index.md")
    assert diff.returncode == 0 and "docs/fr/index.md has no source_hash" in diff.stderr
    assert diff.stdout == (project.path / "docs/en/index.md").read_text(encoding="utf-8")


def test_diff_without_git_or_without_the_version_says_so_and_shows_the_english(project):
    project.write("docs/fr/index.md", page("Accueil", source_hash="0123abcd4567"))
    english = (project.path / "docs/en/index.md").read_text(encoding="utf-8")
    no_git = run(project, "diff", "fr", "index.md")
    assert no_git.returncode == 0 and no_git.stdout == english
    assert "Cannot show what changed: docs/en is not inside a git repository" in no_git.stderr
    assert "Here is the current English page, docs/en/index.md, instead" in no_git.stderr
    commit(project, "2026-03-01")
    unknown = run(project, "diff", "fr", "index.md")
    assert "no committed version of docs/en/index.md has source_hash 0123abcd4567" in unknown.stderr
    assert unknown.stdout == english
    assert "out of date" in run(project, "status").stdout and "unknown (see diff)" in run(project, "status").stdout


NOT_UTF8 = "---\ntitle: Caf\xe9\n---\n".encode("latin-1")


@pytest.mark.parametrize("args, files, message", [
    (["new", "xx", "chapter.md"], {}, "unknown language code 'xx'; mkdocs.yml extra.languages has: fr, ar."),
    (["new", "en", "chapter.md"], {}, "'en' is the source language (docs/en/); give the code of a translation: fr, ar."),
    (["status", "--lang", "de"], {}, "unknown language code 'de'"),
    (["done", "AR", "index.md"], {}, "('AR' is the label of 'ar')"),
    (["new", "fr", "chapitre.md"], {}, "docs/en/chapitre.md does not exist. Did you mean chapter.md? Pages: chapter.md, getting-help.md, index.md."),
    (["diff", "fr", "../mkdocs.yml"], {}, "../mkdocs.yml is outside docs/en/: give a page such as about.md or docs/en/about.md."),
    (["new", "fr", "/etc/passwd"], {}, "/etc/passwd is outside docs/en/"),
    (["new", "fr", "docs/en"], {}, "docs/en is not a Markdown page"),
    (["new", "fr", "chapter.md"], {"docs/en/chapter.md": NOT_UTF8}, "docs/en/chapter.md:2: the file is not valid UTF-8"),
    (["done", "fr", "index.md"], {"docs/fr/index.md": NOT_UTF8}, "docs/fr/index.md:2: the file is not valid UTF-8"),
    (["status"], {"docs/ar/index.md": NOT_UTF8}, "docs/ar/index.md:2: the file is not valid UTF-8"),
    (["done", "fr", "index.md"], {"docs/fr/index.md": b"---\ntitle: [unclosed\n---\n"}, "docs/fr/index.md:3: the front matter is not valid YAML"),
    (["done", "fr", "index.md"], {"docs/fr/index.md": b"---\nsource_hash: a\nsource_hash: b\n---\n"}, "2 source_hash lines"),
    (["done", "fr", "chapter.md"], {}, "docs/fr/chapter.md does not exist: start it with .venv/bin/python scripts/translations.py new fr chapter.md"),
    (["diff", "fr", "chapter.md"], {}, "docs/fr/chapter.md does not exist yet: start it with"),
    (["status"], {"docs/fr/orphan.md": b"Text.\n"}, "docs/fr/orphan.md: this translation has no original"),
])
def test_bad_input_names_the_file_and_the_fix(project, args, files, message):
    for name, content in files.items():
        project.write(name, content)
    before = {path: path.read_bytes() for path in (project.path / "docs").rglob("*.md")}
    result = run(project, *args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
    assert before == {path: path.read_bytes() for path in (project.path / "docs").rglob("*.md")}  # nothing written


def test_outside_the_project_root(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "status"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2 and f"there is no mkdocs.yml in {tmp_path}: run this command from the project root" in result.stderr
    assert "Traceback" not in result.stderr


def test_new_then_done_builds_strict_and_is_current(chaptered):
    assert run(chaptered, "new", "fr", "chapter.md").returncode == 0
    translation = chaptered.path / "docs/fr/chapter.md"
    made = translation.read_text(encoding="utf-8")
    translation.write_text(made.replace("title: A chapter", "title: Un chapitre").replace(
        "Some words about trust.", "Quelques mots sur la confiance.").replace("See [Help]", "Voir [Aide]"), encoding="utf-8")
    chaptered.write("docs/en/chapter.md", CHAPTER.replace("Some words", "Some more words"))
    commit(chaptered, "2026-03-20")
    assert run(chaptered, "status", "--lang", "fr").returncode == 1
    translation.write_text(translation.read_text(encoding="utf-8").replace("Quelques mots", "Quelques mots de plus"), encoding="utf-8")
    assert run(chaptered, "done", "fr", "chapter.md").returncode == 0
    status = run(chaptered, "status", "--lang", "fr")
    assert status.returncode == 0 and row(status.stdout, "chapter.md", "fr") == ["chapter.md", "fr", "current", "no"]
    build = chaptered.build("--strict")
    assert build.returncode == 0, build.output
    built = build.html("fr/chapter/")
    assert built.select_one('[data-notice="stale"]') is None and built.select_one('[data-notice="unreviewed"]') is not None
    assert built.select_one("h2#trust") is not None and "Quelques mots de plus" in built.get_text()


def test_the_readme_commands_work_in_the_order_given(chaptered):
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Add or update a translation", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"\.venv/bin/python scripts/translations\.py ([^`\n]+)", readme)
    assert [command.split()[0] for command in commands] == ["--help", "status", "new", "diff", "done", "done"]  # the last: done fr --all
    for command in commands:
        result = run(chaptered, *command.replace("<name>", "chapter").split())
        assert result.returncode == 0 and "error" not in result.stderr, (command, result.stderr)


def test_a_hash_yaml_would_read_as_a_number_is_quoted():
    sys.path.insert(0, str(ROOT / "scripts"))
    from translation_files import new_translation_text, with_source_hash

    for number_like in ("012345670123", "123456789012", "0b0101010101"):
        text = with_source_hash("---\ntitle: A\nsource_hash: abc\n---\n\nText.\n", "x.md", number_like)
        assert text == f'---\ntitle: A\nsource_hash: "{number_like}"\n---\n\nText.\n'
        assert f'source_hash: "{number_like}"\nreviewed: false\n' in new_translation_text("---\ntitle: A\n---\n\nText.\n", "x.md", number_like)
    assert "source_hash: 0123abcd4567\n" in with_source_hash("Text.\n", "x.md", "0123abcd4567")


def test_done_all_marks_an_untracked_library_and_never_a_page_whose_english_changed(chaptered):
    """A library arrives untracked: translations without source_hash, committed with their English."""
    project = chaptered
    project.write("docs/en/second.md", page("Second", tags=["trust"], body="Second page.\n"))
    project.write("docs/fr/chapter.md", FRENCH)  # no source_hash
    project.write("docs/fr/second.md", page("Deuxième", tags=["trust"], body="Deuxième page.\n"))
    commit(project, "2026-04-01")
    project.write("docs/en/second.md", page("Second", tags=["trust"], body="Second page, changed.\n"))
    commit(project, "2026-05-01")  # English changed after the French was committed
    result = run(project, "done", "fr", "--all")
    assert result.returncode == 0, result.stderr
    assert f"marked docs/fr/chapter.md (source_hash {source_hash((project.path / 'docs/en/chapter.md').read_text())})" in result.stdout
    assert "not marked: docs/fr/second.md: its English page changed since" in result.stderr
    assert "docs/fr/: 1 marked current, 1 left for you (listed above), 1 already current." in result.stdout
    assert "source_hash" in (project.path / "docs/fr/chapter.md").read_text()
    assert "source_hash" not in (project.path / "docs/fr/second.md").read_text()
    assert row(run(project, "status", "--lang", "fr").stdout, "chapter.md", "fr")[2] == "current"
    again = run(project, "done", "--all")  # every language; nothing left to mark in French
    assert "docs/fr/: 0 marked current" in again.stdout and "docs/ar/: 0 marked current" in again.stdout


def test_done_all_without_git_marks_nothing_and_says_why(project):
    project.write("docs/en/chapter.md", CHAPTER)
    project.write("docs/fr/chapter.md", FRENCH)
    result = run(project, "done", "fr", "--all")
    assert result.returncode == 0
    assert "1 translation(s) without source_hash left as they are" in result.stderr and "git" in result.stderr
    assert "source_hash" not in (project.path / "docs/fr/chapter.md").read_text()


def test_done_takes_a_page_or_all_not_both(chaptered):
    assert run(chaptered, "done", "fr", "chapter.md", "--all").returncode == 2
    assert "give a language and a page" in run(chaptered, "done", "fr").stderr
