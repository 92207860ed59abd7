"""A site that is not ours, built with the same hooks/ and overrides/: a first-aid course in English,
Dutch and Hebrew (right to left), with a page without front matter, a page in a subfolder, a title
full of markup, two topics, an image shared by every language (and a Hebrew copy of it), no help
page, no helplines, no quick exit, no chapter numbers. Built once, strictly, under a sub-path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import run_build
from link_crawler import broken_links

EXAMPLE = Path(__file__).resolve().parent
SITE_URL = "https://example.org/first-aid/"
CODES = ["en", "nl", "he"]
PAGES = ["", "bleeding/", "burns/", "kits/travel/car-kit/", "tags/", "tags/bleeding/", "tags/burns/"]


def prefix(code: str) -> str:
    return "" if code == "en" else f"{code}/"


def resolve(here: str, href: str) -> str:
    return urlsplit(urljoin("http://x/" + here, href)).path.lstrip("/")


@pytest.fixture(scope="session")
def example(tmp_path_factory):
    build = run_build(EXAMPLE, tmp_path_factory.mktemp("example") / "site", "--strict", site_url=SITE_URL)
    assert build.returncode == 0, build.output
    return build


def test_it_builds_strictly_with_no_warning(example):
    assert example.warnings == [] and "Languages built: nl" in example.output


@pytest.mark.parametrize("code", CODES)
def test_every_page_in_every_language_with_its_direction(example, code):
    for page in PAGES:
        html = example.html(prefix(code) + page).html
        assert html["lang"] == code and html["dir"] == ("rtl" if code == "he" else "ltr")


@pytest.mark.parametrize("page", ["", "bleeding/", "kits/travel/car-kit/"])
def test_the_switcher_keeps_the_page(example, page):
    for current in CODES:
        here = prefix(current) + page
        links = example.html(here).select(".language-switcher a")
        assert [link["hreflang"] for link in links] == CODES
        assert [resolve(here, link["href"]) for link in links] == [prefix(code) + page for code in CODES]


def heading(html) -> str:
    """The page's title as a reader sees it (without the ¶ permalink)."""
    return html.find("h1").get_text().removesuffix("¶")


def test_titles_follow_mkdocs_rules_and_stay_text(example):
    assert heading(example.html("")) == "First aid at home"  # no front matter: its heading
    assert heading(example.html("nl/")) == "EHBO thuis"
    assert heading(example.html("kits/travel/car-kit/")) == "A kit for the car"
    burns = example.html("burns/")
    assert burns.find("h1").get_text() == "Burns <em>&</em> scalds" and burns.find("h1").em is None
    assert burns.title.get_text().startswith("Burns <em>&</em> scalds")
    assert "Burns <em>&</em> scalds" in [a.get_text(" ", strip=True) for a in burns.select(".md-nav__link")]


def test_a_page_without_description_uses_the_site_description_and_listings_show_no_empty_line(example):
    assert example.html("burns/").find("meta", {"name": "description"})["content"] == "A short course on first aid at home."
    [item] = example.html("tags/burns/").select(".topic-listing > li")
    assert item.a.get_text() == "Burns <em>&</em> scalds"
    assert [p.get_text(strip=True) for p in item.find_all("p")] == ["Reading time: 1 min"]


def test_untranslated_pages_fall_back_to_english_with_a_notice_in_the_readers_language(example):
    for code, notice_word in (("nl", "Nederlands"), ("he", "עברית")):
        html = example.html(f"{code}/burns/")
        notice = html.select_one('[data-notice="fallback"]')
        assert notice_word in notice.get_text() and notice.a["hreflang"] == "en"
        assert resolve(f"{code}/burns/", notice.a["href"]) == "burns/"
        assert html.select_one(".untranslated")["lang"] == "en" and html.select_one(".untranslated")["dir"] == "ltr"
    translated = example.html("nl/bleeding/")
    assert translated.select('[data-notice="fallback"]') == [] and translated.find("h1").get_text() == "Bloedingen"
    assert translated.select('[data-notice="unreviewed"]') == []  # reviewed: true
    assert example.html("he/bleeding/").select_one('[data-notice="unreviewed"]') is not None


@pytest.mark.parametrize("code", CODES)
def test_topic_pages_in_each_language(example, code):
    index = example.html(prefix(code) + "tags/")
    labels = {"en": ["#bleeding", "#burns"], "nl": ["#bloeding", "#brandwonden"], "he": ["#דימום", "#כוויות"]}[code]
    assert [chip.get_text() for chip in index.select(".topic-index .topic-chip")] == labels
    here = prefix(code) + "tags/bleeding/"
    [link] = example.html(here).select(".topic-listing a")
    assert resolve(here, link["href"]) == prefix(code) + "bleeding/"
    assert link.get_text() == {"en": "Bleeding", "nl": "Bloedingen", "he": "דימום"}[code]
    chips = example.html(prefix(code)).select(".md-content .topic-chips .topic-chip")  # the home page's list
    assert [chip.get_text() for chip in chips] == labels


def test_the_shared_image_is_kept_once_and_a_localized_copy_wins(example):
    site = example.site
    assert (site / "img" / "pressure.png").is_file() and not (site / "nl" / "img").exists()
    assert (site / "he" / "img" / "pressure.png").read_bytes() != (site / "img" / "pressure.png").read_bytes()
    for here, expected in (("nl/bleeding/", "img/pressure.png"), ("nl/burns/", "img/pressure.png"),
                           ("nl/kits/travel/car-kit/", "img/pressure.png"), ("he/bleeding/", "he/img/pressure.png"),
                           ("he/burns/", "he/img/pressure.png"), ("kits/travel/car-kit/", "img/pressure.png")):
        [image] = example.html(here).select(".md-content img")
        assert resolve(here, image["src"]) == expected, here


def test_every_link_and_image_resolves_under_the_sub_path(example):
    checked, broken = broken_links(example.site, SITE_URL)
    assert checked > 200
    assert not broken, broken


def test_no_help_page_means_a_safety_notice_without_a_link(example):
    notice = example.html("burns/").select_one(".safety-notice")
    assert notice is not None and notice.find("a") is None
    assert example.html("bleeding/").select(".safety-notice") == []


def test_features_the_site_did_not_ask_for_are_absent(example):
    html = example.html("bleeding/")
    assert html.select("[data-quick-exit]") == [] and html.select(".reading-time") == []  # no numbers: no chapters
    assert not html.find("h1").get_text()[0].isdigit()
    assert html.find("meta", attrs={"http-equiv": "Content-Security-Policy"}) is not None


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_404(example, code):
    page = example.html(prefix(code) + "404.html")
    assert page.html["lang"] == code
    assert page.find("h1").get_text(strip=True) == {"en": "Page not found", "nl": "Pagina niet gevonden", "he": "הדף לא נמצא"}[code]
    script = next((s.string for s in example.html("404.html").find_all("script") if s.string and "404.html" in s.string), "")
    assert json.loads(re.search(r"var site = (\{.*?\});", script).group(1)) == {"root": "/first-aid/", "codes": ["nl", "he"]}


def test_each_language_has_its_own_search_index_without_untranslated_pages(example):
    from conftest import index_languages, indexed_pages

    for code in CODES:
        assert index_languages(example.site, code).keys() == {code}
        urls = {page["url"] for page in indexed_pages(example.site, code)}
        assert f"/{prefix(code)}bleeding/" in urls  # (Pagefind's URLs are relative to the site folder)
        others = [f"/{other}/" for other in ("nl", "he") if other != code]
        assert all(url.startswith(f"/{prefix(code)}") and not url.startswith(tuple(others)) for url in urls)
    assert "/nl/burns/" not in {page["url"] for page in indexed_pages(example.site, "nl")}  # its text is English
    [bleeding] = [page for page in indexed_pages(example.site, "he") if page["url"] == "/he/bleeding/"]
    assert bleeding["filters"] == {"topic": ["דימום"]} and "לחצו" in bleeding["content"]
