"""A build reuses what did not change (hooks/reuse/, builds/kept.py, search/stored.py): pages, whole
languages and search bundles made from the same inputs. What it writes is what a cold build writes,
byte for byte; what an edit can change is made again, and only that; a changed template or data file
makes everything that uses it again; a warning is never hidden by a reused page."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

from conftest import page

PAGEFIND = "pagefind"


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differing(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not name.startswith(PAGEFIND + "/")}


def search_fragments(files: dict[str, bytes]) -> dict[str, bytes]:
    """Each language's indexed pages (Pagefind's fragments, by name: a hash of their content).
    Pagefind names its filter and metadata files by a hash that differs between two runs over the
    same pages (two cold builds differ there too), so only what it indexed is compared."""
    return {name: gzip.decompress(data) for name, data in files.items()
            if name.startswith(PAGEFIND + "/") and name.endswith(".pf_fragment")}


def french_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """The French search bundle, every file: Pagefind names some by a hash that differs from run to
    run, so a bundle equal to an earlier build's is that build's, kept."""
    return {name: data for name, data in files.items() if name.startswith(PAGEFIND + "/fr/")}


def pages_made(output: str) -> dict[str, int]:
    """How many pages each language's build rendered anew, from the build's log."""
    made = {}
    if match := re.search(r"Pages (\d+) made", output):
        made["en"] = int(match.group(1))
    if match := re.search(r"Languages built: (.*)", output):
        made.update({code: int(count) for code, count in re.findall(r"(\w+) [\d.]+s \((\d+) made", match.group(1))})
    return made


def kept_languages(output: str) -> list[str]:
    match = re.search(r"not built again: (.*)", output)
    return match.group(1).split(", ") if match else []


def html_pages(names, code: str) -> set[str]:
    inside = (lambda name: not re.match(r"(fr|ar|pagefind)/", name)) if code == "en" else \
        (lambda name: name.startswith(code + "/"))
    return {name for name in names if name.endswith("index.html") and inside(name)}


def french_chapter(description: str, body: str) -> str:
    """A current translation of the small project's chapter."""
    from multilingual.translation_status import source_hash

    original = page("A chapter", tags=["trust", "betrayal"], body="Some words about trust.\n")
    return page("Un chapitre", description=description, tags=["trust", "betrayal"], body=body,
                source_hash=source_hash(original), reviewed=True)


def build(project, *args: str, **env: str):
    result = project.build("--strict", *args, **env)
    assert result.returncode == 0, result.output
    return result, site_files(project.path / "site")


def test_a_cached_build_writes_the_same_site_as_a_cold_one_and_an_edited_one_as_its_cold_build(project, tmp_path):
    project.write("docs/fr/chapter.md", french_chapter("Une description.", "Des mots.\n"))
    _, cold = build(project)
    second, cached = build(project)
    assert cached == cold  # everything, the search bundles too (kept, not made again)
    assert kept_languages(second.output) == ["fr", "ar"] and pages_made(second.output) == {"en": 0}

    project.write("docs/fr/chapter.md", french_chapter("Une description neuve.", "Des mots tout neufs.\n"))
    _, edited = build(project)
    fresh = project.copy_to(tmp_path / "fresh")
    shutil.rmtree(fresh.path / ".cache")
    _, edited_cold = build(fresh)
    assert without_search(edited) == without_search(edited_cold)
    assert search_fragments(edited) == search_fragments(edited_cold)
    assert b"Des mots tout neufs." in edited["fr/chapter/index.html"]

    # An edit of the English page gives its translation an "out of date" notice, which search leaves
    # out: French keeps its search bundle (Pagefind not run again), and it is the one a cold build makes.
    english = page("A chapter", tags=["trust", "betrayal"], body="Some new words about trust.\n")
    for each in (project, fresh):
        each.write("docs/en/chapter.md", english)
    _, english_edited = build(project)
    shutil.rmtree(fresh.path / ".cache")
    _, english_cold = build(fresh)
    assert b'data-notice="stale"' in english_edited["fr/chapter/index.html"]
    assert french_bundle(english_edited) == french_bundle(edited)
    assert without_search(english_edited) == without_search(english_cold)
    assert search_fragments(english_edited) == search_fragments(english_cold)


def test_an_edited_translation_remakes_that_page_and_its_listings_and_nothing_in_other_languages(project):
    project.write("docs/fr/chapter.md", french_chapter("Une description.", "Des mots.\n"))
    _, before = build(project)
    project.write("docs/fr/chapter.md", french_chapter("Une description neuve.", "Des mots tout neufs.\n"))
    result, after = build(project)
    changed = differing(before, after)
    assert kept_languages(result.output) == ["ar"]  # Arabic is not built at all
    assert html_pages(changed, "en") == set() and html_pages(changed, "ar") == set()
    french = html_pages(changed, "fr")
    # The page and the topic pages that list it with its description, nothing else.
    assert {"fr/chapter/index.html", "fr/tags/trust/index.html", "fr/tags/betrayal/index.html"} <= french
    assert pages_made(result.output) == {"en": 0, "fr": len(french)}


def test_a_changed_template_or_data_file_makes_every_page_that_uses_it_again(project):
    first, _ = build(project)
    pages = pages_made(first.output)
    template = project.path / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block extrahead %}", "{% block extrahead %}\n  <meta name=\"x-template-edit\" content=\"1\">"), encoding="utf-8")
    result, after = build(project)
    assert kept_languages(result.output) == [] and pages_made(result.output) == pages
    assert all(b'name="x-template-edit"' in data for name, data in after.items() if html_pages([name], "en")
               or html_pages([name], "fr") or html_pages([name], "ar"))

    strings = project.path / "data" / "ui" / "fr.yml"
    strings.write_text(re.sub(r'(?m)^help_link_label: .*$', 'help_link_label: "Aide tout de suite"',
                              strings.read_text(encoding="utf-8")), encoding="utf-8")
    result, after = build(project)
    assert pages_made(result.output)["fr"] == pages["fr"]
    french = html_pages(after, "fr")
    assert french and all("Aide tout de suite" in after[name].decode() for name in french)


def test_a_page_that_warned_is_made_again_and_warns_again(project):
    project.write("docs/en/chapter.md", page("A chapter", tags=["trust"], body="See [nowhere](missing.md).\n"))
    for _ in range(2):
        result = project.build()
        assert result.returncode == 0, result.output
        assert any("missing.md" in warning for warning in result.warnings), result.output
        assert project.build("--strict").returncode != 0
