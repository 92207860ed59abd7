"""URL mapping between languages, alternates and sitemaps, as pure functions."""

import xml.etree.ElementTree as ET

from multilingual.languages import load_languages
from multilingual.sitemap import render_sitemap
from multilingual.switcher import home_links, switcher_links
from multilingual.tree import DocsTree
from multilingual.urls import alternates, relative_href, site_path

LANGUAGES = load_languages([
    {"code": "en", "label": "EN", "name": "English", "material": "en", "hreflang": "en", "direction": "ltr"},
    {"code": "fr", "label": "FR", "name": "Français", "material": "fr", "hreflang": "fr", "direction": "ltr"},
    {"code": "zh", "label": "CN", "name": "中文", "material": "zh", "hreflang": "zh-Hans", "direction": "ltr"},
])
EN, FR, ZH = LANGUAGES
SITE = "https://example.github.io/guide/"


def test_site_paths_put_the_default_language_at_the_root():
    assert site_path(EN, EN, "about/") == "about/"
    assert site_path(FR, EN, "about/") == "fr/about/"
    assert site_path(ZH, EN, "") == "zh/"


def test_relative_hrefs_between_languages():
    assert relative_href("fr/about/", "zh/about/") == "../../zh/about/"
    assert relative_href("about/", "fr/about/") == "../fr/about/"
    assert relative_href("fr/", "") == "../"
    assert relative_href("", "fr/") == "fr/"
    assert relative_href("fr/about/", "fr/about/") == "./"


def test_alternates_are_absolute_reciprocal_and_have_x_default():
    links = alternates(LANGUAGES, SITE, "about/")
    assert [(link.hreflang, link.href) for link in links] == [
        ("en", SITE + "about/"), ("fr", SITE + "fr/about/"), ("zh-Hans", SITE + "zh/about/"), ("x-default", SITE + "about/"),
    ]
    # the same set whichever language version asks: page_url is shared by all versions
    assert links == alternates(LANGUAGES, SITE.rstrip("/"), "about/")


def test_switcher_links_keep_the_page_and_mark_current_and_untranslated():
    tree = DocsTree(root="docs", default="en", pages={"en": frozenset({"about.md"}), "fr": frozenset(), "zh": frozenset({"about.md"})})
    links = switcher_links(LANGUAGES, FR, tree, "about.md", "about/")
    assert [(l.language.code, l.href, l.current, l.translated) for l in links] == [
        ("en", "../../about/", False, True), ("fr", "./", True, False), ("zh", "../../zh/about/", False, True),
    ]
    generated = switcher_links(LANGUAGES, FR, tree, "tags/trust.md", "tags/trust/")
    assert all(link.translated for link in generated)


def test_home_links_are_absolute_paths_for_the_404_page():
    assert [l.href for l in home_links(LANGUAGES, EN, "/guide/")] == ["/guide/", "/guide/fr/", "/guide/zh/"]


def test_sitemap_lists_every_language_with_alternates():
    xml = render_sitemap(LANGUAGES, LANGUAGES, SITE, ["", "about/"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(xml)
    locs = [url.find("s:loc", ns).text for url in root.findall("s:url", ns)]
    assert locs == [SITE, SITE + "fr/", SITE + "zh/", SITE + "about/", SITE + "fr/about/", SITE + "zh/about/"]
    first = root.findall("s:url", ns)[0]
    assert {(l.get("hreflang"), l.get("href")) for l in first.findall("x:link", ns)} == {
        ("en", SITE), ("fr", SITE + "fr/"), ("zh-Hans", SITE + "zh/"), ("x-default", SITE)}
    only_fr = ET.fromstring(render_sitemap(LANGUAGES, (FR,), SITE, ["about/"]))
    assert [url.find("s:loc", ns).text for url in only_fr.findall("s:url", ns)] == [SITE + "fr/about/"]


def test_a_sitemap_written_before_is_moved_back_from_a_spare_output_only_if_it_is_the_same(tmp_path):
    import gzip
    import os

    from multilingual.sitemap import write_sitemap

    first, second, third = (tmp_path / name for name in ("first", "second", "third"))
    for folder in (first, second, third):
        folder.mkdir()
    xml = render_sitemap(LANGUAGES, LANGUAGES, SITE, ["", "about/"])
    write_sitemap(str(first), xml)
    inode = os.stat(first / "sitemap.xml").st_ino
    write_sitemap(str(second), xml, spare_output=str(first))  # the same sitemap: moved, not written
    assert not (first / "sitemap.xml").exists() and os.stat(second / "sitemap.xml").st_ino == inode
    assert (second / "sitemap.xml").read_text(encoding="utf-8") == xml
    assert gzip.decompress((second / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml

    other = render_sitemap(LANGUAGES, LANGUAGES, SITE, ["", "about/", "new/"])  # a page more: written
    write_sitemap(str(third), other, spare_output=str(second))
    assert (second / "sitemap.xml").exists() and (third / "sitemap.xml").read_text(encoding="utf-8") == other
    assert gzip.decompress((third / "sitemap.xml.gz").read_bytes()).decode("utf-8") == other
    (third / "sitemap.xml").write_text(xml, encoding="utf-8")  # not the file this process wrote: written anew
    write_sitemap(str(first), other, spare_output=str(third))
    assert (first / "sitemap.xml").read_text(encoding="utf-8") == other
