"""The real site, built once: every language in its place, switcher, alternates, sitemaps, search index, 404."""

import gzip
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import SUBPATH_SITE_URL, index_languages, indexed_pages, load_config_data
from multilingual.languages import load_languages

LANGUAGES = load_languages(load_config_data()["extra"]["languages"])
CODES = [language.code for language in LANGUAGES]
PAGES = ["", "understanding-trust/", "when-trust-breaks/", "recovering-trust/", "intimacy-after-betrayal/",
         "questions/", "getting-help/", "sources/", "about/", "tags/", "tags/trust-recovery/"]


def prefix(code):
    return "" if code == "en" else f"{code}/"


def resolve(site_path: str, href: str) -> str:
    """The site path a relative href on the page at `site_path` points to."""
    return urlsplit(urljoin("http://x/" + site_path, href)).path.lstrip("/")


def test_build_is_strict_and_clean(site):
    assert site.warnings == []
    assert "Languages built:" in site.output and "Search index: en " in site.output


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_every_page_exists_in_every_language_with_its_lang_and_dir(site, language):
    for page in PAGES:
        html = site.html(prefix(language.code) + page)
        assert html.html["lang"] == language.hreflang
        assert html.html["dir"] == language.direction


def test_chinese_is_zh_hans_and_arabic_rtl(site):
    assert site.html("zh/about/").html["lang"] == "zh-Hans"
    assert site.html("ar/").html["dir"] == "rtl"
    assert site.html("ar/").body["dir"] == "rtl"
    assert site.html("fr/").html["dir"] == "ltr" and site.html("zh/").html["dir"] == "ltr"


def test_interface_is_in_the_page_language(site):
    # Material's own strings (its search placeholder) and ours (the topics title).
    assert site.html("de/").find("input", {"name": "query"})["placeholder"] == "Suche"
    assert site.html("ja/").find("input", {"name": "query"})["placeholder"] == "検索"
    assert "Topics" not in site.html("fr/tags/").find("h1").get_text()
    assert site.html("ar/").select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == "الثقة بعد الخيانة"
    assert site.html("zh/about/").title.get_text().endswith("背叛之后的信任")


@pytest.mark.parametrize("page", ["", "recovering-trust/", "tags/trust/"])
def test_switcher_links_to_the_same_page_in_every_language(site, page):
    for current in LANGUAGES:
        here = prefix(current.code) + page
        links = site.html(here).select(".language-switcher a")
        assert [re.sub(r"\s+", " ", a.get_text(" ", strip=True)).split(" ")[0] for a in links] == [l.label for l in LANGUAGES]
        for link, language in zip(links, LANGUAGES):
            assert link["hreflang"] == language.hreflang and link["lang"] == language.hreflang
            assert language.name in link.get_text()
            assert resolve(here, link["href"]) == prefix(language.code) + page
            assert (site.site / resolve(here, link["href"]) / "index.html").is_file()
            assert (link.get("aria-current") == "page") == (language == current)


def test_hreflang_alternates_are_absolute_reciprocal_with_x_default(site):
    expected = {(l.hreflang, SUBPATH_SITE_URL + prefix(l.code) + "about/") for l in LANGUAGES}
    expected.add(("x-default", SUBPATH_SITE_URL + "about/"))
    for language in LANGUAGES:
        links = site.html(prefix(language.code) + "about/").select('link[rel="alternate"][hreflang]')
        assert {(l["hreflang"], l["href"]) for l in links} == expected


def test_root_sitemap_covers_every_language_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.site / "sitemap.xml").getroot()
    locs = {url.find("s:loc", ns).text: url for url in root.findall("s:url", ns)}
    for language in LANGUAGES:
        for page in PAGES:
            assert SUBPATH_SITE_URL + prefix(language.code) + page in locs
    entry = locs[SUBPATH_SITE_URL + "ar/questions/"]
    hreflangs = {l.get("hreflang") for l in entry.findall("x:link", ns)}
    assert hreflangs == {l.hreflang for l in LANGUAGES} | {"x-default"}
    fr = ET.parse(site.site / "fr" / "sitemap.xml").getroot()
    assert all(u.find("s:loc", ns).text.startswith(SUBPATH_SITE_URL + "fr/") for u in fr.findall("s:url", ns))


def test_each_language_has_its_own_search_index(site):
    """Pagefind bundle per language (pagefind/<code>/), made of that language's own pages only."""
    for language in LANGUAGES:
        assert index_languages(site.site, language.code).keys() == {language.hreflang.lower()}
        indexed = {p["url"]: p for p in indexed_pages(site.site, language.code)}
        folder = site.site / prefix(language.code)
        marked = {
            "/" + str(file.parent.relative_to(site.site)).removeprefix(".") + "/"
            for file in folder.rglob("index.html")
            if (language.code != "en" or file.relative_to(site.site).parts[0] not in CODES)
            and "data-pagefind-body" in file.read_text(encoding="utf-8")
        }
        assert set(indexed) == {url.replace("//", "/") for url in marked}
        # generated pages are the language's own too: its topics index and topic pages
        assert {"/" + prefix(language.code) + page for page in ("tags/", "tags/trust-recovery/")} <= set(indexed)
        chapter = indexed["/" + prefix(language.code) + "recovering-trust/"]
        page_title = site.html(prefix(language.code) + "recovering-trust/").find("h1").get_text(strip=True)
        assert chapter["meta"]["title"] == page_title.replace("¶", "")
        # the chapter's topics, as labels in the language (the search's topic filter)
        chips = [a.get_text(strip=True).removeprefix("#") for a in
                 site.html(prefix(language.code) + "recovering-trust/").select(".page-topics a.topic-chip")]
        assert chapter["filters"] == {"topic": chips} and chips
    assert not (site.site / "search").exists() and not (site.site / "fr" / "search").exists()  # no lunr index


def test_untranslated_and_404_pages_are_not_marked_for_the_index(site):
    for file in site.site.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        if 'class="untranslated"' in text or file.name == "404.html":
            assert "data-pagefind-body" not in text, file


def index_has_word(site, code: str, word: str) -> bool:
    """Whether a word is an entry of its own in a language's Pagefind index (a CBOR text string)."""
    encoded = word.encode("utf-8")
    assert len(encoded) < 24  # one-byte CBOR header: major type 3, length
    chunks = (site.site / "pagefind" / code / "index").glob("*.pf_index")
    return any(bytes([0x60 + len(encoded)]) + encoded in gzip.decompress(chunk.read_bytes()) for chunk in chunks)


def test_chinese_and_japanese_indexes_are_segmented_into_words(site):
    # Neither language spaces its words: Pagefind's extended release segments them at indexing.
    assert index_has_word(site, "zh", "信任") and index_has_word(site, "ja", "信頼")
    assert not index_has_word(site, "zh", "信任是")  # a run of characters, not a word


def test_pages_load_no_lunr_search(site):
    html = (site.site / "fr" / "recovering-trust" / "index.html").read_text(encoding="utf-8")
    assert "lunr" not in html and 'name="search"' not in html  # Material's bundle fetches an index for that form
    assert not list(site.site.rglob("search_index.json")) and not list(site.site.rglob("lunr*"))
    assert not list(site.site.rglob("workers/search.*.js"))  # nor Material's search worker


def test_each_language_has_its_own_404(site):
    for language in LANGUAGES:
        page = site.html(prefix(language.code) + "404.html")
        assert page.html["lang"] == language.hreflang
        heading = page.find("h1").get_text(strip=True)
        assert heading and "404 - Not found" not in heading
        home = page.select_one("article a, .md-content a")
        assert home["href"] == "/guide/" + prefix(language.code)
    assert site.html("fr/404.html").find("h1").get_text() != site.html("404.html").find("h1").get_text()


def test_root_404_sends_language_paths_to_their_404(site):
    script = next(s.string for s in site.html("404.html").find_all("script") if s.string and "404.html" in s.string)
    config = json.loads(re.search(r"var site = (\{.*?\});", script).group(1))
    assert config == {"root": "/guide/", "codes": CODES[1:]}
    assert "/404.html" in script and "document.write" in script


def test_subpath_site_uses_the_subpath_for_assets_of_404_pages(site):
    for path in ("404.html", "fr/404.html"):
        page = site.html(path)
        for tag in page.find_all(["link", "script"]):
            url = tag.get("href") or tag.get("src")
            if url and not url.startswith(("http", "data:")):
                assert url.startswith("/guide/"), (path, url)
                assert (site.site / url.removeprefix("/guide/")).exists(), url


def test_the_theme_files_are_written_once_at_the_root_and_every_language_loads_them(site):
    """One copy of the theme's CSS and JavaScript: a reader who switches language fetches none again."""
    assert (site.site / "assets" / "site.css").is_file() and list((site.site / "assets" / "javascripts").glob("bundle.*.js"))
    for language in LANGUAGES[1:]:
        assert not (site.site / language.code / "assets").exists(), language.code
    for path in ("fr/", "ar/recovering-trust/", "ja/tags/trust/", "zh/404.html", "es/getting-help/"):
        page = site.html(path)
        loaded = [tag.get("href") or tag.get("src") for tag in page.find_all(["link", "script"])
                  if tag.name == "script" or "stylesheet" in (tag.get("rel") or []) or "icon" in (tag.get("rel") or [])]
        loaded = [url for url in loaded if url and not url.startswith(("http", "data:"))]
        assert len(loaded) >= 5, (path, loaded)  # Material's CSS and bundle, ours
        for url in loaded:
            target = url.removeprefix("/guide/") if url.startswith("/") else resolve(path, url)
            assert target.startswith("assets/") and (site.site / target).is_file(), (path, url)


def test_no_page_loads_anything_from_a_third_party(site):
    resource_tags = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src"}
    for file in site.site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        for tag, attribute in resource_tags.items():
            for url in re.findall(rf'<{tag}\b[^>]*\b{attribute}="([^"]+)"', html):
                assert not re.match(r"(https?:)?//", url), (file, url)
        for link in re.findall(r"<link\b[^>]*>", html):
            if 'rel="alternate"' in link or 'rel="canonical"' in link:
                continue
            href = re.search(r'href="([^"]+)"', link)
            assert not (href and re.match(r"(https?:)?//", href.group(1))), (file, link)


def test_every_page_carries_the_content_security_policy_and_no_referrer(site):
    pages = [file for file in site.site.rglob("*.html") if "<html" in file.read_text(encoding="utf-8")[:500]]
    assert len(pages) > 200
    for file in pages:
        head = file.read_text(encoding="utf-8").split("</head>", 1)[0]
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
        assert policy and "default-src 'self'" in policy.group(1) and "unsafe-inline" not in policy.group(1), file
        assert '<meta name="referrer" content="no-referrer">' in head, file
        assert head.index("Content-Security-Policy") < head.index("<script"), file  # before any script runs
