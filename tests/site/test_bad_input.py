"""Bad input stops the build with one message naming the file (and line) and the fix, never a
traceback, and leaves the previous site as it was (or none). Also: untranslated pages fall back to
English, titles are text, topics without pages still build."""

import json
import re

import yaml

from conftest import indexed_pages, page


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


def test_a_failing_language_worker_leaves_the_previous_site_whole(project):
    """Only the French worker reads data/ui/fr.yml: its failure fails the build, and the site of
    the last good build stays exactly as it was, French pages included."""
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    before = snapshot(first.site)
    assert "fr/index.html" in before and "fr/chapter/index.html" in before
    project.write("data/ui/fr.yml", 'site_name: "Confiance"\nfallback_notice: "pas fini\n')
    second = project.build("--strict")
    assert second.returncode != 0
    assert re.search(r"Building language 'fr' failed: .*data/ui/fr\.yml:\d+: the file is not valid YAML", second.output), second.output
    assert "Traceback" not in second.output
    assert snapshot(second.site) == before
    assert leftovers(second) == []


def test_the_small_project_builds_strictly(project):
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "fr" / "chapter" / "index.html").is_file()
    assert (build.site / "ar" / "tags" / "trust" / "index.html").is_file()


def test_untranslated_page_is_built_from_english_with_a_notice(project):
    build = project.build("--strict")
    assert build.returncode == 0, build.output
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


def test_folder_that_is_not_a_language_stops_the_build(project):
    project.write("docs/cn/index.md", page("首页"))
    assert_fails_cleanly(project.build(), r"docs/cn: 'cn' is not a language of this site\. Rename the folder")


def test_duplicate_language_code_stops_the_build(project):
    project.config["extra"]["languages"].append(dict(project.config["extra"]["languages"][1]))
    assert_fails_cleanly(project.build(), r"language code 'fr' is listed twice")


def test_unknown_material_language_stops_the_build(project):
    project.config["extra"]["languages"].append(
        {"code": "cn", "label": "CN", "name": "中文", "material": "cn", "hreflang": "zh-Hans", "direction": "ltr"})
    assert_fails_cleanly(project.build(), r"Material has no language 'cn'")


def test_orphan_translation_stops_the_build(project):
    project.write("docs/fr/extra.md", page("En trop"))
    assert_fails_cleanly(project.build(), r"docs/fr/extra\.md: this translation has no original .*docs/en/extra\.md")


def test_malformed_front_matter_stops_the_build(project):
    project.write("docs/fr/chapter.md", "---\ntitle: Un chapitre\ndescription: a: b\n---\n\nTexte.\n")
    assert_fails_cleanly(project.build(), r"docs/fr/chapter\.md:3: the front matter is not valid YAML")


def test_non_utf8_file_stops_the_build(project):
    project.write("docs/en/chapter.md", "---\ntitle: A chapter\n---\n\nCaf\xe9\n".encode("latin-1"))
    assert_fails_cleanly(project.build(), r"docs/en/chapter\.md:5: the file is not valid UTF-8.*Save it as UTF-8")


def test_broken_link_fails_strict(project):
    project.write("docs/en/chapter.md", page("A chapter", tags=["trust"], body="See [nothing](missing.md) and [x](index.md#nope).\n"))
    build = project.build("--strict")
    assert_fails_cleanly(build, r"missing\.md", r"nope")


def test_html_in_a_title_is_shown_as_text_everywhere(project):
    title = "<em>Trust</em> & <script>alert(1)</script>"
    project.write("docs/en/chapter.md", page(title, description='Says "<b>hi</b>"', tags=["trust"]))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    for path in ("chapter/", "", "tags/trust/", "fr/tags/trust/"):
        html = build.html(path)
        assert html.find("em", string="Trust") is None, path
        executable = [s for s in html.find_all("script") if s.get("type") != "application/ld+json"]
        assert not [s for s in executable if s.string and "alert(1)" in s.string], path
    chapter = build.html("chapter/")
    assert chapter.title.get_text().startswith("1. <em>Trust</em> & <script>")
    assert chapter.find("h1").get_text() == "1. " + title
    assert chapter.find("meta", {"name": "description"})["content"] == 'Says "<b>hi</b>"'
    [article] = [json.loads(s.string) for s in chapter.find_all("script", type="application/ld+json")]
    assert article["headline"] == "1. " + title  # data, and `<` cannot close or break the script
    assert "<" not in chapter.find("script", type="application/ld+json").string
    nav_text = " ".join(a.get_text(" ", strip=True) for a in chapter.select(".md-nav__link"))
    assert "<script>alert(1)</script>" in nav_text
    listing = build.html("tags/trust/").select_one(".topic-listing a")
    assert listing.get_text() == "1. " + title


def test_unknown_topic_names_file_topic_and_closest_slug(project):
    project.write("docs/en/chapter.md", page("A chapter", tags=["trust", "betrayl"]))
    assert_fails_cleanly(project.build(), r"docs/en/chapter\.md: unknown topic 'betrayl'\. Did you mean 'betrayal'\?")


def test_topic_missing_a_translation_warns_and_fails_strict(project):
    registry = (project.path / "data" / "topics.yml").read_text(encoding="utf-8")
    registry = re.sub(r"\n  fr: \{label: confiance,[^\n]*", "", registry)
    (project.path / "data" / "topics.yml").write_text(registry, encoding="utf-8")
    lenient = project.build()
    assert lenient.returncode == 0
    assert re.search(r"\[fr\] .*topic 'trust' has no label and description in 'fr'", lenient.output)
    assert lenient.html("fr/tags/trust/").find("h1").get_text() == "#trust"
    assert project.build("--strict").returncode != 0


def test_duplicate_or_malformed_topic_slug_stops_the_build(project):
    path = project.path / "data" / "topics.yml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("- slug: healing", "- slug: trust"), encoding="utf-8")
    assert_fails_cleanly(project.build(), r"two topics have the slug 'trust'")
    path.write_text(original.replace("- slug: healing", "- slug: Healing_2"), encoding="utf-8")
    assert_fails_cleanly(project.build(), r"slug 'Healing_2' may hold only lowercase ASCII")


def test_topic_no_page_carries_still_builds_and_says_so(project):
    build = project.build("--strict")
    assert build.returncode == 0
    assert "No page carries this topic yet." in build.html("tags/healing/").get_text()
    french = yaml.safe_load((project.path / "data" / "ui" / "fr.yml").read_text(encoding="utf-8"))["topic_no_pages"]
    assert french in build.html("fr/tags/healing/").get_text()


def test_topic_label_with_markup_renders_as_text(project):
    path = project.path / "data" / "topics.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{label: trust,", '{label: "<script>x</script>",', 1), encoding="utf-8")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    for page_path in ("tags/", "tags/trust/", "chapter/"):
        html = build.html(page_path)
        assert not [s for s in html.find_all("script") if s.string == "x"], page_path
    assert "#<script>x</script>" in build.html("chapter/").select_one(".topic-chip").get_text()


def test_a_nav_entry_naming_a_missing_file_fails_strict(project):
    project.config["nav"].append("nowhere.md")
    assert_fails_cleanly(project.build("--strict"), r"nowhere\.md")


def test_bad_tags_name_the_file(project):
    project.write("docs/en/chapter.md", "---\ntitle: A chapter\ntags: {trust: yes}\n---\n\nText.\n")
    assert_fails_cleanly(project.build(), r"docs/en/chapter\.md: `tags` must be a list of topic slugs")


def test_a_string_of_tags_is_one_topic_and_a_wrong_one_is_named(project):
    project.write("docs/en/chapter.md", "---\ntitle: A chapter\ntags: trust\n---\n\nText.\n")
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert [chip.get_text() for chip in build.html("chapter/").select(".page-topics .topic-chip")] == ["#trust"]
    project.write("docs/en/chapter.md", "---\ntitle: A chapter\ntags: trust, betrayal\n---\n\nText.\n")
    assert re.search(r"docs/en/chapter\.md: unknown topic 'trust, betrayal'", project.build().output)


def test_broken_data_files_name_file_and_line(project):
    for relative, text, message in [
        ("data/topics.yml", "- slug: trust\n  en: {label: trust, description: x\n", r"data/topics\.yml:\d+: the file is not valid YAML"),
        ("data/helplines/FR.yml", "country: FR\nemergency: [{number: '17'}]\n", r"data/helplines/FR\.yml: emergency 1 \(17\) has no `evidence`"),
        ("data/ui/en.yml", 'site_name: "A"\nreading_time: [1]\n', r"data/ui/en\.yml: must map each key to a string"),
        ("data/ui/en.yml", 'site_name: "A"\n', r"data/ui/en\.yml: the multilingual engine needs the interface string\(s\) fallback_notice"),
    ]:
        original = (project.path / relative).read_bytes()
        project.write(relative, text)
        assert_fails_cleanly(project.build(), message)
        project.write(relative, original)


def test_wrong_settings_in_mkdocs_yml_are_named(project):
    for key, value, message in [
        ("quick_exit_url", "wikipedia.org", r"extra\.quick_exit_url: The URL isn.t valid.*Give an http\(s\) address"),
        ("help_page", ["x"], r"extra\.help_page: Expected type: <class .str.> but received: <class .list.>\. Name a page of the docs"),
        ("languages", [{"code": "en"}], r"extra\.languages, entry 1 \(en\): label: Required configuration not provided\. Each language needs"),
        ("topics", "data/nowhere.yml", None),  # no registry there: a site without topics, but pages name topics
    ]:
        original = project.config["extra"].get(key)
        project.config["extra"][key] = value
        build = project.build()
        if message:
            assert_fails_cleanly(build, message)
        else:
            assert_fails_cleanly(build, r"docs/en/chapter\.md: `tags` names topics, but this site has no topic registry")
        project.config["extra"][key] = original


def test_an_untracked_translation_warns_but_tells_readers_nothing(project):
    project.write("docs/fr/chapter.md", page("Un chapitre", tags=["trust"], body="Quelques mots.\n", reviewed=True))
    lenient = project.build()
    assert lenient.returncode == 0, lenient.output
    assert re.search(r"WARNING .*docs/fr/: 1 translation has no `source_hash` \(chapter\.md\).*translations\.py done fr --all", lenient.output)
    html = lenient.html("fr/chapter/")
    assert html.select('[data-notice="stale"]') == [] and html.select('[data-notice="fallback"]') == []
    assert project.build("--strict").returncode != 0


def test_a_missing_fragment_template_says_where_it_is_looked_for(project):
    (project.path / "overrides" / "fragments" / "safety-notice.html").unlink()
    assert_fails_cleanly(project.build(), r"fragments/safety-notice\.html is in none of the theme folders .*overrides")
