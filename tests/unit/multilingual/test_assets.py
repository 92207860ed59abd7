"""Which theme files a language build leaves out (hooks/multilingual/assets.py)."""

from multilingual.assets import LUNR_DIR, SEARCH_WORKER, is_unused, lunr_scripts, root_copy


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


def test_links_to_the_default_languages_files_reach_its_one_copy():
    from multilingual.assets import point_to_default_copies
    html = ('<img alt="x" src="../img/map.png"><a href="../guide.pdf#page=2">pdf</a>'
            '<a href="../other/">page</a><a href="https://e.org/img/map.png">off site</a><a href="#top">anchor</a>')
    out = point_to_default_copies(html, "chapter/", {"img/map.png", "guide.pdf"}, "fr/chapter/")
    assert 'src="../../img/map.png"' in out and 'href="../../guide.pdf#page=2"' in out
    assert 'href="../other/"' in out and 'href="https://e.org/img/map.png"' in out and 'href="#top"' in out
    # from the home page and from a page in a subfolder
    assert point_to_default_copies('<img src="img/map.png">', "", {"img/map.png"}, "fr/") == '<img src="../img/map.png">'
    assert 'src="../../../img/map.png"' in point_to_default_copies(
        '<img src="../../img/map.png">', "kits/car/", {"img/map.png"}, "ar/kits/car/")
    assert point_to_default_copies(html, "chapter/", set(), "fr/chapter/") == html


def test_a_language_gets_the_default_files_it_has_no_copy_of(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from multilingual.assets import DefaultLanguageFile, add_default_language_files
    from multilingual.tree import DocsTree

    tree = DocsTree(str(tmp_path), "en", pages={"en": frozenset(), "fr": frozenset()},
                    assets={"en": frozenset({"img/a.png", "img/b.png"}), "fr": frozenset({"img/b.png"})})
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "site_dir": str(tmp_path / "site" / "fr"), "docs_dir": str(tmp_path / "fr")})
    files = Files([])
    urls = add_default_language_files(files, tree, "fr", str(tmp_path / "en"), config)
    assert urls == {"img/a.png"}  # fr's own img/b.png wins
    [file] = list(files)
    assert isinstance(file, DefaultLanguageFile)
    file.copy_file()
    assert not (tmp_path / "site").exists()  # never copied into the language's folder


def test_a_language_page_loads_the_root_copy_of_a_theme_file():
    assert root_copy("assets/site.css", "fr/", "/guide/") == "../assets/site.css"
    assert root_copy("assets/site.css", "fr/tags/trust/", "/guide/") == "../../../assets/site.css"
    assert root_copy("assets/javascripts/bundle.js", None, "/guide/") == "/guide/assets/javascripts/bundle.js"  # 404 page
