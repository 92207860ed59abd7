"""Which theme files a language build leaves out (hooks/theme_assets.py)."""

from theme_assets import LUNR_DIR, SEARCH_WORKER, is_unused, lunr_scripts


def test_lunr_scripts_follow_materials_search_worker():
    assert lunr_scripts(["en"]) == set()
    assert lunr_scripts(["fr"]) == {LUNR_DIR + "min/lunr.stemmer.support.min.js", LUNR_DIR + "min/lunr.fr.min.js"}
    assert lunr_scripts(["ja"]) == {
        LUNR_DIR + "tinyseg.js", LUNR_DIR + "min/lunr.ja.min.js", LUNR_DIR + "min/lunr.stemmer.support.min.js",
    }
    assert LUNR_DIR + "min/lunr.multi.min.js" in lunr_scripts(["en", "ar"])


def test_source_maps_and_other_languages_lunr_scripts_are_unused():
    assert is_unused("assets/javascripts/bundle.a5f9d56c.min.js.map", ["en"])
    assert is_unused(LUNR_DIR + "min/lunr.de.min.js", ["fr"])
    assert not is_unused(LUNR_DIR + "min/lunr.fr.min.js", ["fr"])
    assert is_unused(LUNR_DIR + "min/lunr.fr.min.js", None)  # no search in this build
    assert not is_unused("assets/javascripts/bundle.a5f9d56c.min.js", ["fr"])
    assert not is_unused("assets/stylesheets/main.57a0d79d.min.css", None)


def test_materials_search_worker_is_unused_without_its_search_plugin():
    worker = SEARCH_WORKER + "a7633da7.min.js"
    assert is_unused(worker, None)  # search is Pagefind's (hooks/search_hook.py)
    assert not is_unused(worker, ["en"])
