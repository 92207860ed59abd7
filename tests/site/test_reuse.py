"""A build reuses what did not change (hooks/reuse/, builds/kept.py, search/stored.py): pages, whole
languages and search bundles made from the same inputs. What it writes is what a cold build writes,
byte for byte; what an edit can change is made again, and only that; a changed template or data file
makes everything that uses it again; a warning is never hidden by a reused page."""

from __future__ import annotations

import gzip
import os
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


def put_back(output: str) -> dict[str, int]:
    """How many pages each language's build put back from its previous output, not visited."""
    match = re.search(r"Languages built: (.*)", output)
    return {code: int(count) for code, count in re.findall(r"(\w+) [\d.]+s \([^)]*?(\d+) put back\)", match.group(1))} \
        if match else {}


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


def cold_build_of(project, tmp_path, name: str) -> dict[str, bytes]:
    """What a cold build of the project as it is now writes (a copy, without its cache)."""
    fresh = project.copy_to(tmp_path / name)
    shutil.rmtree(fresh.path / ".cache")
    shutil.rmtree(fresh.path / "site")
    return build(fresh)[1]


def test_a_translation_nothing_changed_for_is_put_back_unvisited_and_a_new_title_in_the_nav_visits_every_page(project, tmp_path):
    project.write("docs/fr/chapter.md", french_chapter("Une description.", "Des mots.\n"))
    build(project)
    # The French home page is made from nothing the edit of the chapter's description and text
    # changes: it is put back; the chapter and the topic pages listing it are made.
    project.write("docs/fr/chapter.md", french_chapter("Une description neuve.", "Des mots tout neufs.\n"))
    result, site = build(project)
    assert put_back(result.output) == {"fr": 1} and pages_made(result.output)["fr"] == 3, result.output
    cold = cold_build_of(project, tmp_path, "cold-1")
    assert without_search(site) == without_search(cold) and search_fragments(site) == search_fragments(cold)
    # A source saved again unchanged (a newer time, the same text) is still put back, and MkDocs
    # never writes its page again (it would write through the link, into the cache's copy).
    kept_copy = project.path / ".cache" / "languages" / "fr" / "site" / "index.html"
    kept_before, written = kept_copy.read_bytes(), kept_copy.stat().st_mtime_ns
    home = project.path / "docs" / "fr" / "index.md"
    os.utime(home, (home.stat().st_atime + 10, home.stat().st_mtime + 10))
    project.write("docs/fr/chapter.md", french_chapter("Une description neuve.", "Des mots, encore.\n"))
    result, _ = build(project)
    assert put_back(result.output) == {"fr": 1} and kept_copy.read_bytes() == kept_before
    assert kept_copy.stat().st_mtime_ns == written
    # A new title for the chapter is in the nav of every page: nothing is put back.
    retitled = french_chapter("Une description neuve.", "Des mots tout neufs.\n").replace("Un chapitre", "Un chapitre, autrement")
    project.write("docs/fr/chapter.md", retitled)
    result, site = build(project)
    assert put_back(result.output) == {}, result.output
    assert "Un chapitre, autrement" in site["fr/index.html"].decode()
    assert without_search(site) == without_search(cold_build_of(project, tmp_path, "cold-2"))


def test_a_page_put_back_has_its_links_to_anchors_checked_again(project):
    project.write("docs/fr/chapter.md", french_chapter("Une description.", "## Confiance\n\nDes mots.\n"))
    project.write("docs/fr/index.md", project.path.joinpath("docs/fr/index.md").read_text(encoding="utf-8")
                  + "\nVoir [la confiance](chapter.md#confiance).\n")
    build(project)
    project.write("docs/fr/chapter.md", french_chapter("Une description.", "## Autre chose\n\nDes mots.\n"))
    result = project.build()
    assert result.returncode == 0 and put_back(result.output) == {"fr": 1}, result.output
    assert any("index.md" in warning and "#confiance" in warning for warning in result.warnings), result.output
    assert project.build("--strict").returncode != 0


def test_a_page_outside_the_nav_without_front_matter_and_with_an_image_is_put_back_as_a_cold_build_makes_it(project, tmp_path):
    """Content not ours: a page no nav lists, with no front matter, showing an image, untranslated
    (French and Arabic build it from the English source)."""
    project.config["not_in_nav"] = project.config["not_in_nav"] + "/notes/*.md\n"
    project.write("docs/en/notes/extra.md", "# Extra *notes* & <more>\n\n![A map](map.png)\n\nPlain words.\n")
    project.write("docs/en/notes/map.png", b"\x89PNG\r\n\x1a\n not really a picture")
    project.write("docs/fr/chapter.md", french_chapter("Une description.", "Des mots.\n"))
    build(project)
    project.write("docs/fr/chapter.md", french_chapter("Une description neuve.", "Des mots neufs.\n"))
    result, site = build(project)
    assert put_back(result.output)["fr"] >= 2, result.output  # the home page and the notes
    assert re.search(r"put back: [1-9]", result.output), result.output  # English, from the previous site
    assert b"map.png" in site["fr/notes/extra/index.html"] and b"Plain words." in site["fr/notes/extra/index.html"]
    assert without_search(site) == without_search(cold_build_of(project, tmp_path, "cold"))
