"""Bad input stops the build with one message naming the file (and line) and the fix, never a
traceback, and leaves the previous site as it was (or none); so does a warning under --strict. Each
check that refuses bad input is unit-tested where it is made (tests/unit/: the docs tree, page
sources, languages, topics, settings, interface strings, data files, fragments, and the one place
that turns them into MkDocs errors, multilingual/errors.py); here a build shows it end to end, once
for each way a build ends. Also, on one small site built once: untranslated pages fall back to
English, markup in a title or a topic label is text, a topic no page carries still has its page."""

import json
import re

import pytest
import yaml

from conftest import Project, indexed_pages, page


def leftovers(build) -> list[str]:
    """Staging folders a build left beside its site folder."""
    return sorted(path.name for path in build.site.parent.iterdir() if path.name.startswith(".site."))


def assert_fails_cleanly(build, *patterns):
    """The build failed with the expected message, no traceback, and wrote no site (these projects
    had none before) and no staging folder."""
    assert build.returncode != 0, build.output
    for pattern in patterns:
        assert re.search(pattern, build.output), (pattern, build.output[-3000:])
    assert "Traceback" not in build.output, build.output
    assert not build.site.exists(), "a failed build must not write a site"
    assert leftovers(build) == []


def snapshot(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_bad_input_stops_the_build_with_one_message_naming_the_file_and_line_and_writes_no_site(project):
    project.write("docs/fr/chapter.md", "---\ntitle: Un chapitre\ndescription: a: b\n---\n\nTexte.\n")
    assert_fails_cleanly(project.build(), r"ERROR +- +.*docs/fr/chapter\.md:3: the front matter is not valid YAML")


def test_a_failing_language_worker_leaves_the_previous_site_whole(built_project):
    """Only the French worker reads data/ui/fr.yml: its failure fails the build, and the site of
    the last good build stays exactly as it was, French pages included."""
    before = snapshot(built_project.path / "site")
    assert {"fr/index.html", "fr/chapter/index.html", "ar/tags/trust/index.html"} <= set(before)
    built_project.write("data/ui/fr.yml", 'site_name: "Confiance"\nfallback_notice: "pas fini\n')
    build = built_project.build("--strict")
    assert build.returncode != 0
    assert re.search(r"Building language 'fr' failed: .*data/ui/fr\.yml:\d+: the file is not valid YAML", build.output), build.output
    assert "Traceback" not in build.output
    assert snapshot(build.site) == before
    assert leftovers(build) == []


# Warnings of the main build (MkDocs' own and ours) and of a language's build, each a WARNING line.
WARNINGS = [
    r"WARNING .*'chapter\.md' contains a link 'missing\.md', but the target is not found",
    r"WARNING .*'chapter\.md' contains a link 'index\.md#nope', but the doc 'index\.md' does not contain an anchor '#nope'",
    r"WARNING .*'nowhere\.md' is included in the 'nav' configuration, which is not found",
    r"WARNING .*docs/fr/: 1 translation has no `source_hash` \(chapter\.md\).*translations\.py done fr --all",
    r"WARNING .*\[fr\] .*topic 'trust' has no label and description in 'fr'",
]


def test_warnings_fail_a_strict_build_cleanly_and_a_lenient_one_builds_what_readers_need(project):
    project.write("docs/en/chapter.md", page("A chapter", tags=["trust"], body="See [nothing](missing.md) and [x](index.md#nope).\n"))
    project.config["nav"].append("nowhere.md")
    project.write("docs/fr/chapter.md", page("Un chapitre", tags=["trust"], body="Quelques mots.\n", reviewed=True))
    registry = (project.path / "data" / "topics.yml").read_text(encoding="utf-8")
    project.write("data/topics.yml", re.sub(r"\n  fr: \{label: confiance,[^\n]*", "", registry))
    assert_fails_cleanly(project.build("--strict"), *WARNINGS)

    lenient = project.build()
    assert lenient.returncode == 0, lenient.output
    for pattern in WARNINGS:
        assert re.search(pattern, lenient.output), pattern
    assert lenient.html("fr/tags/trust/").find("h1").get_text() == "#trust"  # the English label stands in
    untracked = lenient.html("fr/chapter/")  # an untracked translation tells readers nothing
    assert untracked.select('[data-notice="stale"]') == [] and untracked.select('[data-notice="fallback"]') == []
    assert "Quelques mots." in untracked.get_text()


# --- odd but valid input: one site, built once ------------------------------------------------------

TITLE = "<em>Trust</em> & <script>alert(1)</script>"


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """The small project (en, fr, ar; its chapter translated in none; no page carries the topic
    'healing'), with a second chapter whose title and description are markup, and the topic 'trust'
    labelled in English with markup, built strictly; (the project, the build)."""
    project = Project(tmp_path_factory.mktemp("odd-input"))
    project.write("docs/en/markup.md", page(TITLE, description='Says "<b>hi</b>"', tags=["trust"]))
    project.config["nav"].insert(2, "markup.md")
    registry = project.path / "data" / "topics.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("{label: trust,", '{label: "<script>x</script>",', 1),
                        encoding="utf-8")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return project, build


def test_untranslated_page_is_built_from_english_with_a_notice(odd):
    _, build = odd
    html = build.html("fr/chapter/")
    assert html.html["lang"] == "fr"
    notice = html.select_one('[data-notice="fallback"]')
    assert "Français" in notice.get_text() and notice.a["hreflang"] == "en"
    assert notice.a["href"] == "../../chapter/"
    untranslated = html.select_one(".untranslated")
    assert untranslated["lang"] == "en" and "Some words about trust." in untranslated.get_text()
    heading = html.select_one(".md-content h1")
    assert heading.get_text() == "1. A chapter" and heading["lang"] == "en"
    # the topic chips are French, so they stay out of the English text
    chips = html.select(".page-topics .topic-chip")
    assert [chip.get_text() for chip in chips] == ["#confiance", "#trahison"]
    assert all(chip.find_parent(class_="untranslated") is None for chip in chips)
    # the interface around it stays French; the switcher says the translation is missing
    assert html.find("input", {"name": "query"})["placeholder"] == "Rechercher"
    fr_entry = html.select_one('.language-switcher a[hreflang="fr"]')
    assert fr_entry.small is not None and fr_entry.small["lang"] == "fr"
    assert html.select_one('.language-switcher a[hreflang="en"]').small is None
    # and it stays out of the French search index
    french = {p["url"]: p["content"] for p in indexed_pages(build.site, "fr")}
    assert "/fr/" in french and "/fr/chapter/" not in french
    assert not any("Some words about trust" in content for content in french.values())


def test_html_in_a_title_is_shown_as_text_everywhere(odd):
    _, build = odd
    for path in ("markup/", "", "tags/trust/", "fr/tags/trust/"):
        html = build.html(path)
        assert html.find("em", string="Trust") is None, path
        executable = [s for s in html.find_all("script") if s.get("type") != "application/ld+json"]
        assert not [s for s in executable if s.string and "alert(1)" in s.string], path
    chapter = build.html("markup/")
    assert chapter.title.get_text().startswith("2. <em>Trust</em> & <script>")
    assert chapter.find("h1").get_text() == "2. " + TITLE
    assert chapter.find("meta", {"name": "description"})["content"] == 'Says "<b>hi</b>"'
    [article] = [json.loads(s.string) for s in chapter.find_all("script", type="application/ld+json")]
    assert article["headline"] == "2. " + TITLE  # data, and `<` cannot close or break the script
    assert "<" not in chapter.find("script", type="application/ld+json").string
    nav_text = " ".join(a.get_text(" ", strip=True) for a in chapter.select(".md-nav__link"))
    assert "<script>alert(1)</script>" in nav_text
    assert "2. " + TITLE in [a.get_text() for a in build.html("tags/trust/").select(".topic-listing a")]


def test_topic_no_page_carries_still_builds_and_says_so(odd):
    project, build = odd
    assert "No page carries this topic yet." in build.html("tags/healing/").get_text()
    french = yaml.safe_load((project.path / "data" / "ui" / "fr.yml").read_text(encoding="utf-8"))["topic_no_pages"]
    assert french in build.html("fr/tags/healing/").get_text()


def test_topic_label_with_markup_renders_as_text(odd):
    _, build = odd
    for page_path in ("tags/", "tags/trust/", "chapter/"):
        html = build.html(page_path)
        assert not [s for s in html.find_all("script") if s.string == "x"], page_path
    assert "#<script>x</script>" in build.html("chapter/").select_one(".topic-chip").get_text()
