"""The search index (hooks/search/, hooks/search_hook.py): where each language's Pagefind bundle goes,
which pages it is made of, Pagefind run for real on small folders of HTML, `mkdocs serve`'s
background indexing and the topic filter's labels, without building a site (the search index of
built sites: tests/site/test_site_build.py, test_bad_input.py, tests/example_site/)."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import PluginError

import search_hook
from conftest import ROOT, index_languages as bundle_languages, indexed_pages, load_config_data
from multilingual.context import CONTEXT_KEY
from multilingual.languages import load_languages
from search import indexer
from search.bundles import (
    BUNDLE_DIR, bundle_href, has_marked_page, language_glob, pagefind_command, without_excluded,
)
from search.filters import page_topic_labels, topic_options
from search.indexer import IndexResult, SearchIndexError, check_bundle_dir, index_languages, unused_files
from search.indexing import Indexing, ServeIndexing, SiteIndexing, indexing_for
from topics.registry import load_topics

CODES = ["en", "fr", "ar"]
REGISTRY, _ = load_topics(ROOT / "data" / "topics.yml", [l["code"] for l in load_config_data()["extra"]["languages"]])


# --- where bundles go and what they index -----------------------------------------------------------

@pytest.mark.parametrize(("page_url", "base_url", "is_default", "code"), [
    ("guide/", ".", True, "en"),
    ("guide/about/", "..", True, "en"),
    ("guide/fr/", ".", False, "fr"),
    ("guide/fr/tags/trust/", "../..", False, "fr"),
    ("guide/no/such/page/", "/guide", True, "en"),  # the root 404 page: absolute base_url
    ("guide/fr/no/such/page/", "/guide/fr", False, "fr"),
])
def test_bundle_href_leads_from_any_page_to_its_languages_bundle(page_url, base_url, is_default, code):
    href = bundle_href(base_url, is_default, code)
    assert urljoin("https://x.test/" + page_url, href) == f"https://x.test/guide/{BUNDLE_DIR}/{code}/"


def test_language_glob_takes_a_languages_folder_or_the_root_without_the_other_languages():
    assert language_glob("fr", False, ["about", "fr"], ["fr", "ar"]) == "fr/**/*.html"
    folders = ["about", "fr", "ar", BUNDLE_DIR, ".staging", ".held-fr", "tags", "v{1}"]
    assert language_glob("en", True, folders, ["fr", "ar"]) == \
        r"{*.html,about/**/*.html,tags/**/*.html,v\{1\}/**/*.html}"


def test_pagefind_leaves_out_marked_blocks_and_permalinks():
    command = pagefind_command("/bin/pagefind", "/site", "fr/**/*.html", "/site/pagefind/fr")
    assert command[0] == "/bin/pagefind" and "--quiet" in command
    selectors = command[command.index("--exclude-selectors") + 1]
    assert "[data-search-exclude]" in selectors and ".headerlink" in selectors
    assert command[command.index("--output-path") + 1] == "/site/pagefind/fr"
    assert command[command.index("--root-selector") + 1] == "[data-pagefind-body]"  # the article only


@pytest.mark.parametrize(("page", "kept"), [
    # an element search leaves out goes, whatever it holds, with the white space a template put before it
    (b'<p>a</p>\n  <div class="n" data-search-exclude><div>in</div><p>t</p></div>\n<p>b</p>', b"<p>a</p>\n<p>b</p>"),
    (b"<p>a</p><img data-search-exclude src=x><p>b</p>", b"<p>a</p><p>b</p>"),
    (b"<DIV data-search-exclude>x</DIV><p>y</p>", b"<p>y</p>"),
    # where it cannot be cut out exactly, the page stays whole
    (b"<!-- <div data-search-exclude> --><p>b</p></div>", None),  # in a comment: text
    (b"<script>'<p data-search-exclude>'</script><p>b</p></p>", None),
    (b"<div data-search-exclude><p>never closed</p>", None),
    (b'<div data-search-exclude><data data-pagefind-filter="t">x</data></div>', None),  # Pagefind may read it
    (b"<pre><code>&lt;div data-search-exclude&gt;x&lt;/div&gt;</code></pre>", None),  # escaped: text
])
def test_what_search_leaves_out_is_cut_from_a_pages_key_only_where_exact(page, kept):
    assert without_excluded(page) == (page if kept is None else kept)


def test_a_notice_that_search_leaves_out_keeps_a_languages_bundle_and_its_index(tmp_path):
    """Two versions of a French page that differ only in a block search leaves out (the "out of date"
    notice of a translation whose English page was edited) make one key, and Pagefind indexes them
    the same; a changed word makes another key."""
    from search.stored import BundleKey

    def pages_key(*args) -> str:
        return BundleKey(*args).indexed

    notice = '\n<div class="translation-notice" data-search-exclude><p>Out of date.</p></div>'
    versions = {"current": "", "stale": notice}
    keys, fragments = {}, {}
    for name, block in versions.items():
        site = tmp_path / name
        write(site / "fr" / "index.html", html("fr", f"<h1>Accueil</h1>{block}\n<p>La confiance grandit.</p>"))
        keys[name] = pages_key(str(site / "fr"), False, ["en"], ["pagefind"], "1")
        index_languages(str(site), ["fr"], "en", ["en", "fr"])
        fragments[name] = indexed_pages(site, "fr")
    assert keys["current"] == keys["stale"] and fragments["current"] == fragments["stale"]
    write(tmp_path / "stale" / "fr" / "index.html", html("fr", f"<h1>Accueil</h1>{notice}\n<p>La confiance revient vite.</p>"))
    assert pages_key(str(tmp_path / "stale" / "fr"), False, ["en"], ["pagefind"], "1") != keys["stale"]


def write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def html(lang: str, body: str, marked: bool = True) -> str:
    article = f"<article{' data-pagefind-body' if marked else ''}>{body}</article>"
    return f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body><h1>Site</h1><nav>Menu</nav>{article}<p>Footer</p></body></html>'


def test_a_language_has_a_marked_page_only_if_one_of_its_own_is(tmp_path):
    write(tmp_path / "index.html", html("en", "<h1>Home</h1>", marked=False))
    write(tmp_path / "fr" / "index.html", html("fr", "<h1>Accueil</h1>"))
    assert has_marked_page(str(tmp_path / "fr"), False, [])
    assert not has_marked_page(str(tmp_path), True, ["fr"])  # the French page does not count for English
    write(tmp_path / "about" / "index.html", html("en", "<h1>About</h1>"))
    assert has_marked_page(str(tmp_path), True, ["fr"])


def test_unused_bundle_files_are_pagefinds_uis_and_other_languages_webassembly():
    names = ["pagefind.js", "pagefind-worker.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
             "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.fr.pagefind", "wasm.unknown.pagefind",
             "pagefind-entry.json", "pagefind.fr_1.pf_meta", "index", "fragment", "filter"]
    unused = unused_files(names, {"fr": {"wasm": "fr", "page_count": 3}})
    assert sorted(unused) == ["pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-modular-ui.js",
                              "pagefind-ui.css", "pagefind-ui.js", "wasm.unknown.pagefind"]
    assert "wasm.unknown.pagefind" not in unused_files(names, {"zh-hans": {"wasm": None, "page_count": 3}})


# --- Pagefind, run for real -------------------------------------------------------------------------

FILTER = '<data value="{}" data-pagefind-filter="topic[value]" hidden></data>'


@pytest.fixture
def small_site(tmp_path) -> Path:
    """English pages at the root, French ones under fr/ (one of them untranslated), a 404 page."""
    site = tmp_path / "site"
    write(site / "index.html", html("en", FILTER.format("trust") + FILTER.format("healing, hope") +
                                    '<h1 id="home">Home<a class="headerlink" href="#home">¶</a></h1>'
                                    "<p>Trust grows slowly.</p><div data-search-exclude>Reading time: 3 min</div>"))
    write(site / "about" / "index.html", html("en", "<h1>About</h1><p>Who wrote this guide.</p>"))
    write(site / "404.html", html("en", "<h1>Page not found</h1>", marked=False))
    write(site / "fr" / "index.html", html("fr", "<h1>Accueil</h1><p>La confiance grandit lentement.</p>"))
    write(site / "fr" / "chapter" / "index.html",
          html("fr", '<div class="untranslated" lang="en"><h1>A chapter</h1><p>English words.</p></div>', marked=False))
    return site


def test_each_language_is_indexed_into_its_own_bundle_from_its_own_marked_pages(small_site):
    results = index_languages(str(small_site), ["en", "fr"], "en", ["en", "fr"])
    assert [(r.code, r.pages, r.languages) for r in results] == [("en", 2, ["en"]), ("fr", 1, ["fr"])]
    english = {p["url"]: p for p in indexed_pages(small_site, "en")}
    assert set(english) == {"/", "/about/"}  # not the 404 page, not the French ones
    home = english["/"]
    assert home["filters"] == {"topic": ["trust", "healing, hope"]}
    assert "Reading time" not in home["content"] and "¶" not in home["content"]
    assert "Menu" not in home["content"] and "Footer" not in home["content"]  # only the marked article
    assert home["meta"]["title"] == "Home"  # its h1, not the page's first
    french = indexed_pages(small_site, "fr")
    assert [p["url"] for p in french] == ["/fr/"]  # the untranslated page is not in it
    assert bundle_languages(small_site, "fr").keys() == {"fr"}
    bundle = small_site / BUNDLE_DIR / "fr"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()
    assert sorted(os.listdir(small_site / BUNDLE_DIR)) == ["en", "fr"]  # nothing left aside


def test_indexing_again_swaps_the_new_bundle_in(small_site):
    index_languages(str(small_site), ["fr"], "en", ["en", "fr"])
    write(small_site / "fr" / "about" / "index.html", html("fr", "<h1>À propos</h1>"))
    (result,) = index_languages(str(small_site), ["fr"], "en", ["en", "fr"])
    assert result.pages == 2
    assert sorted(p["url"] for p in indexed_pages(small_site, "fr")) == ["/fr/", "/fr/about/"]
    assert sorted(os.listdir(small_site / BUNDLE_DIR)) == ["fr"]


def test_a_language_with_only_untranslated_pages_gets_no_bundle(small_site):
    (small_site / "fr" / "index.html").unlink()
    (result,) = index_languages(str(small_site), ["fr"], "en", ["en", "fr"])
    assert result.pages == 0
    assert not (small_site / BUNDLE_DIR / "fr").exists()  # Pagefind would have indexed every <body>


def test_a_failing_pagefind_names_the_language_and_says_why(small_site, monkeypatch):
    monkeypatch.setattr(indexer, "pagefind_command", lambda *args: ["sh", "-c", "echo cannot write index >&2; exit 3"])
    with pytest.raises(SearchIndexError) as error:
        index_languages(str(small_site), ["en", "fr"], "en", ["en", "fr"])
    message = str(error.value)
    assert "Search index of 'en'" in message and "Search index of 'fr'" in message
    assert "exited with code 3" in message and "cannot write index" in message


def test_missing_pagefind_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)
    with pytest.raises(SearchIndexError, match=r"pip install -r requirements\.txt"):
        indexer.find_pagefind()


def test_pages_where_the_bundles_go_are_refused(tmp_path):
    write(tmp_path / BUNDLE_DIR / "index.html", html("en", "<h1>Pagefind</h1>"))
    (tmp_path / BUNDLE_DIR / "fr").mkdir()
    with pytest.raises(SearchIndexError, match=r"holds pages of the site \(index\.html\).*rename docs/en/pagefind\.md"):
        check_bundle_dir(str(tmp_path), ["en", "fr"], "en")
    (tmp_path / BUNDLE_DIR / "index.html").unlink()
    check_bundle_dir(str(tmp_path), ["en", "fr"], "en")  # language bundles only: fine


def test_a_page_where_the_bundles_go_stops_the_build_naming_the_fix(tmp_path):
    """What `docs/en/pagefind.md` becomes (pagefind/index.html) ends the main build, at its end, in
    one MkDocs error: no site is swapped in (that is builds/output.py's, shown by tests/site/)."""
    write(tmp_path / BUNDLE_DIR / "index.html", html("en", "<h1>Pagefind</h1>"))
    languages = load_languages(load_config_data()["extra"]["languages"])
    codes = tuple(language.code for language in languages)
    context = SimpleNamespace(is_default=True, languages=languages, default=languages[0], tree=None, project_dir=str(tmp_path),
                              plan=SimpleNamespace(serving=False, changed=codes))  # a `mkdocs build`'s plan
    config = SimpleNamespace(extra={CONTEXT_KEY: context}, site_dir=str(tmp_path))
    hooks = search_hook.SearchHooks()
    hooks.on_config(config)
    with pytest.raises(PluginError, match=r"^The search index could not be built\.\n.*holds pages of the site "
                                          r"\(index\.html\).*rename docs/en/pagefind\.md"):
        hooks.on_post_build(config)
    assert os.listdir(tmp_path / BUNDLE_DIR) == ["index.html"]  # nothing indexed


def test_a_bundle_with_pages_of_another_language_is_a_warning(caplog):
    languages = load_languages(load_config_data()["extra"]["languages"])
    site = type("Site", (), {"languages": languages})()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.search"):
        search_hook.report([indexer.IndexResult("zh", 3, ["zh-hans"]), indexer.IndexResult("fr", 3, ["en", "fr"])], site, 1.0)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "'fr': pages in en, fr, expected only fr" in warnings[0]


# --- the topic filter ---------------------------------------------------------------------------------

def test_page_topics_become_labels_in_the_pages_language():
    assert page_topic_labels(["healing", "trust"], REGISTRY, "fr") == ["guérison", "confiance"]
    assert page_topic_labels(["trust", "no-such-topic"], REGISTRY, "ja") == ["信頼"]
    assert page_topic_labels((), REGISTRY, "fr") == [] and page_topic_labels(("trust",), None, "fr") == []


def test_the_filters_choices_are_every_topic_in_the_registrys_order():
    options = topic_options(REGISTRY, "ar")
    assert options == [topic.text("ar").label for topic in REGISTRY.topics] and options[0] == "الثقة"
    assert "trust-recovery" not in topic_options(REGISTRY, "zh")


# --- when which languages are indexed (search/indexing.py) -----------------------------------------------

def one_at_a_time(index_one):
    """An `index(codes, cancel)` that indexes with `index_one(code, cancel)`, as Pagefind runs would."""
    return lambda codes, cancel: [index_one(code, cancel) for code in codes]


def test_the_indexing_of_a_build_is_the_main_builds_and_in_the_background_when_served():
    serve = ServeIndexing()
    assert indexing_for(True, True, serve) is serve  # every rebuild of one `mkdocs serve`: the same
    assert isinstance(indexing_for(True, False, serve), SiteIndexing)
    assert type(indexing_for(False, True, serve)) is Indexing and type(indexing_for(False, False, serve)) is Indexing


def test_a_build_indexes_the_changed_languages_now_and_fails_on_an_error():
    reported = []
    assert SiteIndexing().after_build(CODES, tuple(CODES), one_at_a_time(lambda code, cancel: IndexResult(code, 1)),
                                      reported.append) == CODES
    assert [result.code for result in reported[0]] == CODES

    def failing(codes, cancel):
        raise SearchIndexError("Search index of 'fr': Pagefind exited with code 1")

    with pytest.raises(PluginError, match="The search index could not be built.\nSearch index of 'fr'"):
        SiteIndexing().after_build(CODES, tuple(CODES), failing, reported.append)


def test_serve_indexes_in_the_background_the_languages_the_plan_says_changed(tmp_path):
    site = tmp_path / "site"
    write(site / BUNDLE_DIR / "en" / "pagefind.js", "")
    serve, calls = ServeIndexing(), []

    def rebuild(changed: tuple[str, ...]) -> list[str]:
        serve.before_build(str(site))
        assert not (site / BUNDLE_DIR).exists()  # held while MkDocs empties the site folder
        serve.after_clean(str(site))
        assert (site / BUNDLE_DIR / "en" / "pagefind.js").is_file()  # and back
        done = threading.Event()
        started = serve.after_build(CODES, changed, one_at_a_time(lambda code, cancel: calls.append(code) or IndexResult(code, 1)),
                                    lambda results: done.set())
        assert not started or done.wait(10)
        return started

    assert rebuild(tuple(CODES)) == CODES and calls == CODES  # the first build: every language
    assert rebuild(()) == [] and len(calls) == 3
    assert rebuild(("fr",)) == ["fr"] and calls[-1] == "fr"
    assert serve.pending == set()


def test_a_rebuild_stops_the_indexing_under_way_instead_of_waiting_for_it(tmp_path):
    serve = ServeIndexing()
    reached = threading.Event()

    def slow(code, cancel):
        if code == "fr":
            reached.set()
            if cancel.wait(20):  # a long Pagefind run, stopped
                raise indexer.IndexingCancelled()
        return IndexResult(code, 1)

    serve.before_build(str(tmp_path / "site"))
    serve.after_build(CODES, tuple(CODES), one_at_a_time(slow), lambda results: None)
    assert reached.wait(10)
    started = time.monotonic()
    serve.before_build(str(tmp_path / "site"))  # the next rebuild
    assert time.monotonic() - started < 2
    assert serve.pending == {"fr", "ar"}  # English was indexed; the others are left for later
    assert serve.after_build(CODES, (), one_at_a_time(lambda code, cancel: IndexResult(code, 1)), lambda results: None) \
        == ["fr", "ar"]
    serve.stop()


def test_a_failed_background_indexing_is_logged_and_retried_at_the_next_rebuild(tmp_path, caplog):
    serve = ServeIndexing()

    def fail_french(code, cancel):
        if code == "fr":
            raise SearchIndexError("Search index of 'fr': Pagefind exited with code 1")
        return IndexResult(code, 1)

    serve.before_build(str(tmp_path / "site"))
    serve.after_build(CODES, tuple(CODES), one_at_a_time(fail_french), lambda results: None)
    serve.stop()  # waits for the thread: it has no Pagefind to stop
    assert "Search index not updated: Search index of 'fr'" in caplog.text
    serve.before_build(str(tmp_path / "site"))
    assert serve.after_build(CODES, (), one_at_a_time(lambda code, cancel: IndexResult(code, 1)), lambda results: None) \
        == ["fr"]
    serve.stop()


def test_a_cancelled_pagefind_run_is_stopped_at_once(tmp_path):
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(indexer.IndexingCancelled):
        indexer.run_pagefind(["sleep", "30"], cancel)
    assert time.monotonic() - started < 2


# --- Ctrl-C while Pagefind runs -------------------------------------------------------------------------

def interrupted_pagefind(tmp_path: Path) -> str:
    """A stand-in for Pagefind that is stopped as Ctrl-C in a terminal stops it (SIGINT)."""
    script = tmp_path / "pagefind"
    script.write_text("#!/bin/sh\nkill -INT $$\nsleep 5\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_pagefind_stopped_by_ctrl_c_is_a_cancel_and_the_previous_index_stays(tmp_path):
    site = tmp_path / "site"
    write(site / "fr" / "index.html", '<html lang="fr"><body><div data-pagefind-body>Bonjour</div></body></html>')
    write(site / BUNDLE_DIR / "fr" / "pagefind.js", "previous")
    with pytest.raises(indexer.IndexingCancelled):
        indexer.index_language(interrupted_pagefind(tmp_path), str(site), "fr", False, ["fr"])
    assert (site / BUNDLE_DIR / "fr" / "pagefind.js").read_text() == "previous"
    assert sorted(os.listdir(site / BUNDLE_DIR)) == ["fr"]  # no half-written bundle left


def test_ctrl_c_during_serve_indexing_says_nothing_and_a_build_stops_with_one_line(caplog):
    def stopped(codes, cancel):
        raise indexer.IndexingCancelled()

    serve, done = ServeIndexing(), threading.Event()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.search"):
        assert serve.after_build(CODES, tuple(CODES), stopped, lambda results: done.set()) == CODES
        serve.stop()
    assert not done.is_set() and [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort, match="Stopped while indexing the search: the previous site is kept"):
        SiteIndexing().after_build(CODES, tuple(CODES), stopped, lambda results: None)
