"""Reader-facing features of the real site in every language: topics, chapters, safety notice,
help lines, metadata, quick exit."""

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import CONTACT_URL, ROOT, SUBPATH_SITE_URL, load_config_data
from guide.helplines import load_helplines
from multilingual.languages import load_languages

LANGUAGES = load_languages(load_config_data()["extra"]["languages"])
CODES = [language.code for language in LANGUAGES]
TOPICS = yaml.safe_load((ROOT / "data" / "topics.yml").read_text(encoding="utf-8"))
CHAPTERS = ["understanding-trust/", "when-trust-breaks/", "recovering-trust/", "intimacy-after-betrayal/",
            "questions/", "getting-help/", "sources/", "about/"]
SAFETY_TOPICS = {"betrayal", "recovery", "trust-recovery", "intimacy"}
FIXTURES = ROOT / "tests" / "fixtures"


def prefix(code):
    return "" if code == "en" else f"{code}/"


def resolve(site_path, href):
    return urlsplit(urljoin("http://x/" + site_path, href)).path.lstrip("/")


def page_meta(code, page_url):
    """The front matter of the source of a page in language `code`."""
    from multilingual.sources import read_page_source
    name = (page_url.rstrip("/") or "index") + ".md"
    return read_page_source(ROOT / "docs" / code / name).meta


def page_tags(code, page_url):
    """The topics the source of a page in language `code` declares."""
    return page_meta(code, page_url).get("tags", [])


@pytest.mark.parametrize("code", ["en", "ar", "zh", "de"])
def test_topic_chips_link_to_the_topic_pages_of_the_same_language(site, code):
    for page_url in CHAPTERS:
        here = prefix(code) + page_url
        chips = site.html(here).select(".page-topics .topic-chip")
        tags = page_tags(code, page_url)
        assert [resolve(here, chip["href"]) for chip in chips] == [prefix(code) + f"tags/{tag}/" for tag in tags]
        labels = {t["slug"]: t[code]["label"] for t in TOPICS}
        assert [chip.get_text() for chip in chips] == [f"#{labels[tag]}" for tag in tags]


@pytest.mark.parametrize("code", ["en", "ar", "zh", "ru"])
def test_topics_index_counts_and_topic_listings(site, code):
    index = site.html(prefix(code) + "tags/")
    entries = index.select(".topic-index > li")
    assert len(entries) == len(TOPICS)
    for entry, topic in zip(entries, TOPICS):
        assert entry.select_one(".topic-chip").get_text() == f"#{topic[code]['label']}"
        assert topic[code]["description"] in entry.get_text()
        carrying = [url for url in ["", *CHAPTERS] if topic["slug"] in page_tags(code, url)]
        count = int(re.search(r"\d+", entry.select_one(".topic-count").get_text()).group())
        assert count == len(carrying)
        listing = site.html(prefix(code) + f"tags/{topic['slug']}/")
        links = listing.select(".topic-listing > li > a")
        assert sorted(resolve(prefix(code) + f"tags/{topic['slug']}/", a["href"]) for a in links) == sorted(prefix(code) + u for u in carrying)
        for item in listing.select(".topic-listing > li"):
            assert item.select_one(".reading-time").get_text(strip=True)
            assert item.find("p").get_text(strip=True)  # the page's one-line description


def test_related_topics_are_listed_on_topic_pages(site):
    related = site.html("tags/trust-recovery/").select("#related ~ nav .topic-chip")
    assert related and "#trust recovery" not in [chip.get_text() for chip in related]


@pytest.mark.parametrize("code", CODES)
def test_home_page_invites_reading(site, code):
    home = site.html(prefix(code))
    cards = home.select(".chapter-cards .chapter-card")
    assert len(cards) == len(CHAPTERS)
    for card, url in zip(cards, CHAPTERS):
        assert resolve(prefix(code), card.a["href"]) == prefix(code) + url
        assert card.select_one(".reading-time").get_text(strip=True)
        assert card.find_all("p")[0].get_text(strip=True)
    chips = home.select(".md-content .topic-chips .topic-chip")
    assert len(chips) == len(TOPICS)
    assert all(re.search(r"\(\d+\)", c.parent.get_text()) for c in chips)
    assert home.select_one(".safety-notice a")


@pytest.mark.parametrize("code", CODES)
def test_chapters_show_reading_time_and_are_numbered_with_previous_next(site, code):
    pages = ["", *CHAPTERS]
    for number, url in enumerate(CHAPTERS, start=1):
        here = prefix(code) + url
        html = site.html(here)
        assert html.find("h1").get_text().startswith(f"{number}. ")
        assert re.search(r"\d", html.select_one(".md-content .reading-time").get_text())
        previous, following = pages[number - 1], pages[number + 1] if number + 1 < len(pages) else None
        links = {a["class"][-1].rsplit("--", 1)[1]: resolve(here, a["href"]) for a in html.select("a.md-footer__link")}
        assert links.get("prev") == prefix(code) + previous, links
        if following is not None:
            assert links.get("next") == prefix(code) + following, links


@pytest.mark.parametrize("code", CODES)
def test_safety_notice_on_every_page_about_betrayal_recovery_or_intimacy(site, code):
    for url in ["", *CHAPTERS]:
        html = site.html(prefix(code) + url)
        notices = html.select(".md-content .safety-notice")
        if SAFETY_TOPICS & set(page_tags(code, url)) or page_meta(code, url).get("safety_notice") is True:
            assert len(notices) == 1, f"{code}/{url}"
            assert resolve(prefix(code) + url, notices[0].select_one("a")["href"]) == prefix(code) + "getting-help/"
        elif url:  # the home page asks for the notice with an insert marker; no other page has it
            assert notices == [], f"{code}/{url}: the safety notice does not belong on a page without safety topics"
    assert any(not SAFETY_TOPICS & set(page_tags(code, url)) for url in CHAPTERS), "some page must lack the notice"
    # understanding-trust speaks of abuse without a safety topic: it asks for the notice in its front matter
    assert not SAFETY_TOPICS & set(page_tags(code, "understanding-trust/"))
    assert site.html(prefix(code) + "understanding-trust/").select(".md-content .safety-notice")


HELPLINES = load_helplines(str(ROOT / "data" / "helplines"))


def data_numbers():
    return HELPLINES.numbers()


def test_confirm_numbers_are_shown_with_check_the_official_site(site):
    confirm = next((code, line) for code, country in HELPLINES.countries.items()
                   for line in country.violence + country.crisis if line.confirm)
    block = site.html("getting-help/").find(id=f"help-{confirm[0]}")
    item = next(li for li in block.select("li.help-line") if confirm[1].name in li.get_text())
    assert "check the official site" in item.get_text()
    assert "801 120 002" not in site.html("pl/getting-help/").get_text()  # the old Niebieska Linia number


PHONE_LIKE = re.compile(r"(?<![\w.,/–-])#?\+?\d(?:[\d -]*\d)?(?![\w%/–-])")


def phone_like(text):
    for token in PHONE_LIKE.findall(text):
        digits = re.sub(r"\D", "", token)
        if len(digits) >= 3 and not re.fullmatch(r"(19|20)\d\d", token.strip()):
            yield token.strip()


@pytest.mark.parametrize("code", CODES)
def test_no_phone_number_outside_the_data_file(site, code):
    from multilingual.sources import read_page_source
    for file in sorted((ROOT / "docs" / code).glob("*.md")):
        body = read_page_source(file).body
        paragraphs = [p for p in re.split(r"\n\s*\n", body) if not re.search(r"^\{#[a-z0-9-]+\}$", p, re.MULTILINE)]
        figures = set((FIXTURES / "research_figures.txt").read_text(encoding="utf-8").split())
        found = [t for t in phone_like("\n".join(paragraphs)) if t not in data_numbers() and t not in figures]
        assert found == [], f"docs/{code}/{file.name}: {found}"
    help_page = site.html(prefix(code) + "getting-help/")
    shown = {a.get_text() for a in help_page.select('a[href^="tel:"], a[href^="sms:"]')}
    assert shown and shown <= data_numbers()


@pytest.mark.parametrize("code", CODES)
def test_help_page_leads_with_danger_then_own_countries_then_directory_then_every_other(site, code):
    content = site.html(prefix(code) + "getting-help/").select_one(".md-content__inner")
    blocks = content.select(".help-lead, .help-country, .help-directory")  # in document order
    lead, *rest = blocks
    assert "help-lead" in lead["class"] and "112" not in lead.get_text()  # 112 is not the number everywhere
    assert lead.select_one("a")["href"] == "#helplines" and content.find(id="helplines")
    own = HELPLINES.by_language[code]
    assert [block["id"] for block in rest[:len(own)]] == [f"help-{country}" for country in own]
    assert all(block.name == "section" for block in rest[:len(own)])
    assert "help-directory" in rest[len(own)]["class"]
    assert content.select_one(".help-directory a")["href"] == "https://findahelpline.com/"
    others = rest[len(own) + 1:]
    assert all(block.name == "details" and not block.has_attr("open") for block in others)  # collapsed
    shown = [block["id"].removeprefix("help-") for block in rest if block.has_attr("id")]
    assert sorted(shown) == sorted(HELPLINES.countries) and len(shown) == len(set(shown))  # every country, once


@pytest.mark.parametrize("code", CODES)
def test_every_country_of_the_language_shows_its_emergency_number_as_a_phone_link(site, code):
    html = site.html(prefix(code) + "getting-help/")
    for country_code in HELPLINES.by_language[code]:
        block = html.find(id=f"help-{country_code}")
        country = HELPLINES.countries[country_code]
        calls = [a["href"] for a in block.select("li.help-emergency a.phone")]
        assert calls == ["tel:" + re.sub(r"[^\d+#]", "", n.number).replace("#", "%23") for n in country.emergency]
        if not country.emergency:
            assert block.select_one(".help-none"), f"{country_code}: no number, so the directory"
        for kind in ("violence", "crisis"):
            assert len(block.select(f"li.help-{kind}")) == len(country.lines(kind))
    # the data's date appears once, in the introduction, not on every row
    from multilingual.strings import local_date
    text = html.select_one(".md-content").get_text(" ")
    assert text.count(local_date(HELPLINES.last_read(), LANGUAGES[CODES.index(code)].hreflang)) == 1


def head_meta(html, prop):
    return [m["content"] for m in html.find_all("meta", property=prop)]


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_every_page_has_metadata_in_its_language(site, language):
    for url in ["", *CHAPTERS, "tags/", "tags/trust/"]:
        html = site.html(prefix(language.code) + url)
        description = html.find("meta", {"name": "description"})["content"]
        assert len(description) >= 8
        canonical = html.find("link", rel="canonical")["href"]
        assert canonical == SUBPATH_SITE_URL + prefix(language.code) + url
        assert head_meta(html, "og:url") == [canonical]
        assert head_meta(html, "og:locale") == [language.og_locale]
        assert head_meta(html, "og:description") == [description]
        assert head_meta(html, "og:title") and head_meta(html, "og:type")
        alternates = head_meta(html, "og:locale:alternate")
        assert language.og_locale not in alternates and len(alternates) == len(LANGUAGES) - 1


def json_ld(html):
    return [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_chapters_carry_article_json_ld_with_citations(site, language):
    html = site.html(prefix(language.code) + "recovering-trust/")
    [article] = json_ld(html)
    assert article["@type"] == "Article" and article["inLanguage"] == language.hreflang
    assert article["headline"] == html.find("h1").get_text(strip=True).replace("¶", "")
    assert article["description"] == html.find("meta", {"name": "description"})["content"]
    names = [c["name"] for c in article["citation"]]
    assert any(name.startswith("Snyder, D. K., Baucom, D. H., & Gordon, K. C. (2007)") for name in names)


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_questions_page_carries_faq_json_ld(site, language):
    html = site.html(prefix(language.code) + "questions/")
    [faq] = json_ld(html)
    assert faq["@type"] == "FAQPage" and faq["inLanguage"] == language.hreflang
    questions = [h2.get_text(strip=True).replace("¶", "") for h2 in html.select(".md-content h2")]
    assert [q["name"] for q in faq["mainEntity"]] == questions
    assert all(len(q["acceptedAnswer"]["text"]) > 40 for q in faq["mainEntity"])


def test_help_link_on_every_page_leads_to_the_help_page_of_its_language(site):
    for file in site.site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        if "<html" not in html or "pagefind" in file.parts:
            continue
        link = re.search(r'<a class="help-link" href="([^"]+)"[^>]*>([^<]+)</a>', html)
        assert link, file
        code = next((c for c in CODES[1:] if file.relative_to(site.site).parts[0] == c), "en")
        if file.name == "404.html":  # served at any depth: the link is absolute
            assert link.group(1) == urlsplit(SUBPATH_SITE_URL).path + prefix(code) + "getting-help/#helplines", file
        else:
            page_path = str(file.parent.relative_to(site.site)).replace(".", "") + "/"
            assert link.group(1).endswith("#helplines"), file  # the reader's countries, first screen
            assert resolve(page_path.lstrip("/"), link.group(1)) == prefix(code) + "getting-help/", file
    assert site.html("es/").select_one(".help-link").get_text() != site.html("").select_one(".help-link").get_text()


def test_quick_exit_on_every_page(site):
    target = load_config_data()["extra"]["quick_exit_url"]
    pages = list(site.site.rglob("*.html"))
    assert len(pages) > 200
    for file in pages:
        html = file.read_text(encoding="utf-8")
        if "<html" not in html:
            continue
        control = re.search(r'<a class="quick-exit" data-quick-exit href="([^"]+)"[^>]*>([^<]+)</a>', html)
        assert control and control.group(1) == target, file
        assert "quick-exit.js" in html, file
    assert site.html("ja/").select_one("[data-quick-exit]").get_text() != site.html("").select_one("[data-quick-exit]").get_text()


@pytest.mark.parametrize("code", CODES)
def test_help_page_explains_safer_browsing_and_about_page_links_to_contact(site, code):
    section = site.html(prefix(code) + "getting-help/").find(id="browsing-more-safely")
    assert section is not None and section.find_next("p").get_text(strip=True)
    assert site.html(prefix(code) + "about/").find("a", href=CONTACT_URL) is not None


@pytest.mark.parametrize("code", CODES)
def test_the_built_help_page_claims_no_check_of_the_services(site, code):
    never_claim = yaml.safe_load((ROOT / "data" / "glossary" / f"{code}.yml").read_text(encoding="utf-8"))["never_claim"]
    text = site.html(prefix(code) + "getting-help/").select_one(".md-content").get_text(" ", strip=True)
    assert not [pattern for pattern in never_claim if re.search(pattern, text, re.IGNORECASE)]
