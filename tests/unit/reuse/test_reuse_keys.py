"""What a page, a language and a search bundle are keyed by, and where they are kept."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from builds.kept import KeptLanguages, folder_digests, language_key, language_keys
from multilingual.languages import load_languages
from multilingual.translation_status import status_table
from multilingual.tree import scan_docs
from reuse import CacheSettingError, cache_folder, keys
from reuse.store import PageStore, remove_old_build_folders
from search import stored


def test_a_content_key_changes_with_the_markdown_the_url_and_the_files():
    base = keys.digest("inputs", keys.files_signature([SimpleNamespace(src_uri="a.md", url="a/")]))
    other_files = keys.digest("inputs", keys.files_signature([SimpleNamespace(src_uri="a.md", url="a.html")]))
    key = keys.content_key(base, "a.md", "a/", "# A")
    assert key == keys.content_key(base, "a.md", "a/", "# A")
    assert len({key, keys.content_key(base, "a.md", "a/", "# B"), keys.content_key(base, "b.md", "b/", "# A"),
                keys.content_key(other_files, "a.md", "a/", "# A")}) == 4


def test_context_values_leave_out_mkdocs_own_and_refuse_values_known_only_by_their_address():
    assert keys.context_values({"page": object(), "config": {}, "topics": ["trust"], "skipped": 1}, skip=("skipped",)) \
        == "topics=['trust']"
    assert keys.context_values({"links": [object()]}) is None  # its repr names an address: never reused


def test_the_nav_signature_follows_titles_urls_and_nesting():
    page = lambda title, url: SimpleNamespace(title=title, url=url, children=None)  # noqa: E731
    section = lambda title, children: SimpleNamespace(title=title, children=children)  # noqa: E731
    flat = [page("A", "a/"), page("B", "b/")]
    nested = [section("A", [page("B", "b/")])]
    assert keys.nav_signature(flat) == keys.nav_signature([page("A", "a/"), page("B", "b/")])
    assert len({keys.nav_signature(flat), keys.nav_signature(nested), keys.nav_signature([page("A", "a/"), page("C", "b/")])}) == 3


def test_the_project_inputs_leave_out_the_cache_and_follow_every_other_file(tmp_path):
    (tmp_path / "data" / ".cache").mkdir(parents=True)
    (tmp_path / "data" / "ui.yml").write_text("a: 1")
    before = keys.tree_digest([str(tmp_path / "data")], str(tmp_path / "data" / ".cache"))
    (tmp_path / "data" / ".cache" / "entry").write_text("anything")
    assert keys.tree_digest([str(tmp_path / "data")], str(tmp_path / "data" / ".cache")) == before
    (tmp_path / "data" / "ui.yml").write_text("a: 22")  # another size: a file is read again when its time or size changes
    assert keys.tree_digest([str(tmp_path / "data")], str(tmp_path / "data" / ".cache")) != before


def test_the_environment_a_config_reads_is_an_input():
    text = "site_url: !ENV [SITE_URL, 'x']\ntheme:\n  name: !ENV MKDOCS_THEME\n"
    assert keys.environment_read_by(text, {"SITE_URL": "a", "OTHER": "b"}) == "MKDOCS_THEME=None;SITE_URL='a'"


def test_the_cache_setting_is_a_folder_or_false(tmp_path):
    assert cache_folder({}, str(tmp_path)) == str(tmp_path / ".cache")
    assert cache_folder({"build_cache": "false"}, str(tmp_path)) is None
    assert cache_folder({"build_cache": False}, str(tmp_path)) is None
    with pytest.raises(CacheSettingError, match=r"extra\.build_cache is 3; give a folder"):
        cache_folder({"build_cache": 3}, str(tmp_path))


def test_a_store_gives_back_what_it_kept_forgets_what_a_whole_build_did_not_use_and_survives_a_bad_file(tmp_path):
    store = PageStore(str(tmp_path), "inputs", "fr")
    store.save("k1", "page", "<html>1</html>")
    store.save("k2", "page", "<html>2</html>")
    assert store.load("k1", "page") == "<html>1</html>"  # within the build, before it is written
    assert store.write(complete=False) == 0
    later = PageStore(str(tmp_path), "inputs", "fr")
    assert later.load("k1", "page") == "<html>1</html>" and later.load("k3", "page") is None
    assert later.write(complete=True) == 1  # k2 was not used by a build that made every page
    assert PageStore(str(tmp_path), "inputs", "fr").load("k2", "page") is None
    (tmp_path / "inputs" / "fr.pages").write_bytes(b"not a pickle")
    assert PageStore(str(tmp_path), "inputs", "fr").load("k1", "page") is None


def test_entries_are_compressed_against_the_language_dictionary(tmp_path):
    page = "<html><nav>" + "a long shared navigation " * 300 + "</nav><main>{}</main></html>"
    store = PageStore(str(tmp_path), "inputs", "fr")
    for number in range(20):
        store.save(f"k{number}", "page", page.format(number))
    assert max(len(data) for data in store.new.values()) < 200  # the shared markup costs nothing
    store.write(complete=False)
    assert PageStore(str(tmp_path), "inputs", "fr").load("k7", "page") == page.format(7)


def test_only_the_most_recent_build_folders_are_kept(tmp_path):
    for age, name in enumerate(["new", "mid", "old", "oldest"]):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (1000 - age, 1000 - age))
    remove_old_build_folders(str(tmp_path), 2)
    assert sorted(os.listdir(tmp_path)) == ["mid", "new"]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def context_of(docs):
    languages = load_languages([{"code": c, "label": c.upper(), "name": c, "material": c, "hreflang": c,
                                 "direction": "ltr"} for c in ("en", "fr", "de")])
    tree = scan_docs(str(docs), languages)
    return SimpleNamespace(tree=tree, status=status_table(tree, languages), changed_on={})


def test_a_language_key_follows_its_own_pages_the_originals_and_the_others_status_not_their_text(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "en" / "a.md", "# A\n")
    write(docs / "en" / "b.md", "# B\n")
    write(docs / "fr" / "a.md", "---\nreviewed: true\n---\n# A fr\n")
    write(docs / "de" / "a.md", "# A de\n")
    german = language_key("inputs", "de", context_of(docs))
    write(docs / "fr" / "a.md", "---\nreviewed: true\n---\n# A fr, edited\n")  # French text: not German's input
    assert language_key("inputs", "de", context_of(docs)) == german
    french = language_key("inputs", "fr", context_of(docs))
    write(docs / "fr" / "b.md", "# B fr\n")  # a page French now has: German's switcher shows it
    assert language_key("inputs", "de", context_of(docs)) != german
    assert language_key("inputs", "fr", context_of(docs)) != french
    write(docs / "en" / "a.md", "# A, edited\n")  # the original: every language's input
    assert language_key("other inputs", "de", context_of(docs)) != language_key("inputs", "de", context_of(docs))


def test_language_folders_already_hashed_give_the_same_keys_and_are_not_hashed_again(tmp_path):
    """`mkdocs serve` passes the hashes of the folders its snapshot shows unchanged (`ServePlan`)."""
    docs = tmp_path / "docs"
    write(docs / "en" / "a.md", "# A\n")
    write(docs / "fr" / "a.md", "# A fr\n")
    write(docs / "de" / "a.md", "# A de\n")
    context = context_of(docs)
    folders = folder_digests(context.tree, ["en", "fr", "de"])
    assert language_keys("inputs", ["fr", "de"], context, folders) == language_keys("inputs", ["fr", "de"], context)
    write(docs / "de" / "a.md", "# A de, edited\n")
    context = context_of(docs)
    assert folder_digests(context.tree, ["de"], {"en": folders["en"]}) != {"de": folders["de"]}  # hashed anew
    given = language_keys("inputs", ["de"], context, {"de": folders["de"]})  # taken as given, not hashed again
    assert given != language_keys("inputs", ["de"], context)


def test_a_kept_language_comes_back_only_under_its_key(tmp_path):
    output = tmp_path / "site" / "fr"
    write(output / "index.html", "<p>fr</p>")
    kept = KeptLanguages(str(tmp_path / "cache"))
    kept.keep("fr", "key-1", str(output))
    assert not kept.restore("fr", "key-2", str(tmp_path / "new" / "fr"))
    assert kept.restore("fr", "key-1", str(tmp_path / "again" / "fr"))
    assert (tmp_path / "again" / "fr" / "index.html").read_text() == "<p>fr</p>"
    kept.forget()
    assert not kept.restore("fr", "key-1", str(tmp_path / "third" / "fr"))


def test_a_search_bundle_is_keyed_by_the_bytes_of_the_pages_it_indexes(tmp_path):
    site, cache = tmp_path / "site", str(tmp_path / "cache")
    key = lambda command=("pagefind", "--glob", "fr/**/*.html"), version="1.5.2": stored.BundleKey(  # noqa: E731
        str(site / "fr"), False, [], list(command), version)
    write(site / "fr" / "a" / "index.html", "<p data-pagefind-body>a</p>")
    write(tmp_path / "bundle" / "pagefind.js", "js")
    stored.keep(cache, "fr", key(), str(tmp_path / "bundle"), {"pages": 1, "languages": ["fr"]})
    assert stored.restore(cache, "fr", key(), str(tmp_path / "out")) == {"pages": 1, "languages": ["fr"]}
    assert (tmp_path / "out" / "pagefind.js").read_text() == "js"
    assert stored.restore(cache, "fr", key(version="1.5.3"), str(tmp_path / "none")) is None
    assert stored.restore(cache, "fr", key(command=["pagefind"]), str(tmp_path / "none")) is None
    # the same pages but for a block search leaves out: the same bundle; another word: none
    write(site / "fr" / "a" / "index.html", "<p data-pagefind-body>a</p>\n<div data-search-exclude>Out of date</div>")
    assert stored.restore(cache, "fr", key(), str(tmp_path / "out2")) == {"pages": 1, "languages": ["fr"]}
    write(site / "fr" / "a" / "index.html", "<p data-pagefind-body>b, now</p>")
    assert stored.restore(cache, "fr", key(), str(tmp_path / "none")) is None
    assert not (tmp_path / "none").exists()


def test_a_cache_that_cannot_be_written_is_named_and_the_build_goes_on(tmp_path, caplog):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    store = PageStore(str(tmp_path / "cache"), "inputs", "fr")
    store.save("k1", "page", "<html>1</html>")
    with caplog.at_level("WARNING", logger="mkdocs.plugins.reuse"):
        assert store.write(complete=True) == 0
    assert [record.getMessage() for record in caplog.records] == [
        f"Could not keep what this build made for later builds in {tmp_path / 'cache'}: Not a directory. The site "
        "is built all the same. Free some space or fix the folder's permissions, or set BUILD_CACHE=false "
        "(extra.build_cache: false) to keep nothing."]


def test_keeping_a_language_again_replaces_it_whole_and_clears_what_an_interrupted_build_left(tmp_path):
    first, second = tmp_path / "site" / "fr", tmp_path / "site2" / "fr"
    write(first / "index.html", "<p>one</p>")
    write(first / "gone" / "index.html", "<p>gone</p>")
    write(first / "same" / "index.html", "<p>same</p>")
    kept = KeptLanguages(str(tmp_path / "cache"))
    kept.keep("fr", "key-1", str(first))
    (tmp_path / "cache" / "languages" / "fr.writing-999999999").mkdir()  # no such process any more
    # The next build's output: a page made anew, one put back (a link to the kept file), one gone.
    write(second / "index.html", "<p>two</p>")
    kept_same = tmp_path / "cache" / "languages" / "fr" / "site" / "same" / "index.html"
    (second / "same").mkdir()
    os.link(kept_same, second / "same" / "index.html")
    kept.keep("fr", "key-2", str(second))
    assert sorted(os.listdir(tmp_path / "cache" / "languages")) == ["fr"]
    assert not kept.restore("fr", "key-1", str(tmp_path / "old" / "fr"))
    assert kept.restore("fr", "key-2", str(tmp_path / "new" / "fr"))
    assert sorted(path.relative_to(tmp_path / "new" / "fr").as_posix() for path in (tmp_path / "new" / "fr").rglob("*")) \
        == ["index.html", "same", "same/index.html"]
    assert (tmp_path / "new" / "fr" / "index.html").read_text() == "<p>two</p>"
    assert (first / "index.html").read_text() == "<p>one</p>"  # the first output's file was replaced, not written into
