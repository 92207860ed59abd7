"""The site search in a real browser (Debian's Chromium, Playwright): Pagefind in Material's search box.

The session's site is served under /guide/ as in test_browser.py (the fixtures `base` and `new_page`
of tests/browser_support.py). Each reader searches their own language's index only, in every script (Chinese and
Japanese segmented, Arabic right to left); topics show as translated hashtags and narrow the results;
nothing is fetched before the reader opens the search; the keyboard alone works; axe finds nothing;
the quick exit never covers the field; and the search works under the site's Content-Security-Policy.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser_support import AXE_SCRIPT, CHAPTER, PHONE, PREFIX, WCAG_TAGS, QuietServer, SiteHandler, overlap, prefix
from conftest import indexed_pages

# Words of the chapter in each language: a rare one (found on this chapter only), and for Chinese and
# Japanese the word "trust", written without spaces in every page (Pagefind must segment it).
RARE = {"en": "atone", "fr": "rattacher", "ar": "جبر", "ja": "償う", "zh": "弥补", "ru": "заглаживание",
        "de": "Wiedergutmachung"}
SEGMENTED = {"ja": "信頼", "zh": "信任"}
RESULTS = ".md-search-result__item"
# search.js marks the result list busy from a query until its first results are on screen.
SEARCH_DONE = "() => document.querySelector('[data-site-search] .md-search-result').getAttribute('aria-busy') === 'false'"
# Opened, before any query, the search says what to do in the page's language (Material's string).
SEARCH_READY = """() => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return document.querySelector(".md-search-result__meta").textContent.trim()
        === config.translations["search.result.placeholder"];
}"""


def search(page, words: str) -> int:
    """Type `words` into the search box (opening it) and wait for the answer; the number of results."""
    field = page.locator("input.md-search__input")
    button = page.locator("label.md-header__button[for=__search]")  # shown on narrow screens only
    if button.is_visible() and not page.evaluate("document.getElementById('__search').checked"):
        button.click()  # there the field shows once the search is opened
    field.click()
    field.fill(words)
    page.wait_for_function(SEARCH_DONE)
    return result_count(page)


def result_count(page) -> int:
    match = re.search(r"\d+", page.inner_text(".md-search-result__meta"))
    return int(match.group()) if match else page.locator(RESULTS).count()


def render_all(page) -> None:
    """Scroll the result list until every result is rendered (they come ten at a time)."""
    total = result_count(page)
    for _ in range(20):
        if page.locator(RESULTS).count() >= total:
            return
        page.locator(".md-search__scrollwrap").evaluate("wrap => wrap.scrollTop = wrap.scrollHeight")
        page.wait_for_timeout(200)
    assert page.locator(RESULTS).count() == total


def result_pages(page) -> list[str]:
    """The URL paths of the pages in the results (each result's first link), in order."""
    return [urlsplit(href).path for href in page.locator(f"{RESULTS} > a:first-child").evaluate_all(
        "links => links.map(link => link.href)")]


def open_chapter(reader_page, base, code: str, **options):
    """The chapter in `code`, on a page kept from test to test (`reader_page`)."""
    page = reader_page(**options)
    page.goto(base + prefix(code) + CHAPTER)
    return page


def open_chapter_fetching(new_page, base, code: str):
    """The chapter in `code` on a new page (nothing in its cache), and the URL paths of what it fetches."""
    page = new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(base + prefix(code) + CHAPTER)
    return page, requests


# --- one language, every script ------------------------------------------------------------------------

@pytest.mark.parametrize("code", list(RARE))
def test_search_finds_the_chapter_in_the_readers_language_only(site, base, new_page, code):
    assert RARE[code] in site.html(prefix(code) + CHAPTER).select_one(".md-content").get_text()
    page, requests = open_chapter_fetching(new_page, base, code)
    assert page.locator(".md-search[role=dialog]").get_attribute("aria-label")  # the dialog has a name
    page.locator("input.md-search__input").click()
    page.wait_for_function(SEARCH_READY)
    assert search(page, RARE[code]) >= 1
    pages = result_pages(page)
    assert PREFIX + prefix(code) + CHAPTER in pages, pages
    others = [PREFIX + prefix(other) for other in RARE if other != code and prefix(other)]
    assert all(path.startswith(PREFIX + prefix(code)) and not path.startswith(tuple(others)) for path in pages)
    # only this language's bundle was fetched
    bundles = {path.split("/")[3] for path in requests if path.startswith(PREFIX + "pagefind/")}
    assert bundles == {code}
    # the match is highlighted in the excerpt
    assert RARE[code].lower() in " ".join(page.locator(f"{RESULTS} mark").all_inner_texts()).lower()
    direction = page.locator(RESULTS).first.evaluate("item => getComputedStyle(item).direction")
    assert direction == ("rtl" if code == "ar" else "ltr")


@pytest.mark.parametrize("code", list(SEGMENTED))
def test_chinese_and_japanese_searches_for_trust_find_every_page_that_has_it(site, base, reader_page, code):
    word = SEGMENTED[code]
    having = {PREFIX.rstrip("/") + p["url"] for p in indexed_pages(site.site, code) if word in p["content"]}
    chapters = {PREFIX + prefix(code) + path for path in ("understanding-trust/", "when-trust-breaks/", CHAPTER)}
    assert chapters <= having  # the word is written without spaces in these chapters' text
    page = open_chapter(reader_page, base, code)
    search(page, word)
    render_all(page)
    found = set(result_pages(page))
    assert chapters <= found <= having


def test_stemming_finds_other_forms_of_a_word(base, reader_page):
    page = open_chapter(reader_page, base, "en")
    search(page, "atoning")  # the chapter says "atone"
    assert result_pages(page)[0] == PREFIX + CHAPTER
    page = open_chapter(reader_page, base, "fr")
    search(page, "rattachement")  # the chapter says "rattacher"
    assert result_pages(page)[0] == PREFIX + "fr/" + CHAPTER


# --- what is fetched, and when ------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "zh"])
def test_first_view_fetches_no_search_data_until_the_search_opens(base, new_page, code):
    page, requests = open_chapter_fetching(new_page, base, code)
    page.wait_for_load_state("networkidle")
    assert [path for path in requests if "/pagefind/" in path or "search_index" in path or "lunr" in path] == []
    with page.expect_request(re.compile(rf"/pagefind/{code}/pagefind\.js$")):
        page.locator("input.md-search__input").click()  # opening the search loads it


def test_a_later_search_reuses_what_the_first_one_fetched(base, new_page):
    page, requests = open_chapter_fetching(new_page, base, "fr")
    search(page, "confiance")
    page.wait_for_load_state("networkidle")
    first = len(requests)
    search(page, "pardon")
    page.wait_for_load_state("networkidle")
    later = requests[first:]
    assert not [path for path in later if re.search(r"pagefind\.js|worker|wasm|pf_meta|entry", path)], later
    assert all("/index/" in path or "/fragment/" in path for path in later), later


# --- topics ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["fr", "ja", "ar"])
def test_results_show_the_pages_topics_as_hashtags_in_the_readers_language(site, base, reader_page, code):
    chips = [a.get_text(strip=True) for a in site.html(prefix(code) + CHAPTER).select(".page-topics a.topic-chip")]
    assert chips and all(chip.startswith("#") for chip in chips)
    page = open_chapter(reader_page, base, code)
    search(page, RARE[code])
    tags = page.locator(f"{RESULTS} > a:first-child .md-tag").all_inner_texts()
    assert tags == chips  # e.g. "#retrouver la confiance", never "trust-recovery"
    assert not set(tags) & {"#trust-recovery", "#healing", "#trust", "#recovery"}


def test_the_topic_filter_narrows_the_results_in_the_readers_language(site, base, reader_page):
    page = open_chapter(reader_page, base, "fr")
    everything = search(page, "confiance")
    options = page.locator("select[data-search-filter] option").all_inner_texts()
    assert options[0] == "Tous les thèmes" and "#guérison" in options  # data/ui/fr.yml, data/topics.yml
    assert page.locator("label[for=__search-topic]").inner_text() == "Thème"
    page.select_option("select[data-search-filter]", "guérison")
    page.wait_for_function(SEARCH_DONE)
    narrowed = result_count(page)
    assert 0 < narrowed < everything
    render_all(page)
    for item in page.locator(RESULTS).all():
        assert "#guérison" in item.locator("> a:first-child .md-tag").all_inner_texts()
    # without words: every page of the topic (that is in French), as the topic's page lists them
    page.locator("input.md-search__input").fill("")
    page.wait_for_function(SEARCH_DONE)
    render_all(page)
    indexed = {p["url"] for p in indexed_pages(site.site, "fr")}
    listed = {urljoin(PREFIX + "fr/tags/healing/", a["href"]) for a in
              site.html("fr/tags/healing/").select(".topic-listing > li > a")}
    assert set(result_pages(page)) == {url for url in listed if url.removeprefix(PREFIX.rstrip("/")) in indexed} != set()


# --- layout, keyboard, accessibility -------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("width", [390, 768, 1024, 1280, 1600])
def test_the_quick_exit_and_the_help_link_never_cover_the_search_field(base, reader_page, width, code):
    options = {**PHONE, "viewport": {"width": width, "height": 844}} if width < 960 else \
        {"viewport": {"width": width, "height": 900}}
    page = open_chapter(reader_page, base, code, **options)
    search(page, RARE[code])
    page.wait_for_timeout(300)  # Material widens the field over 0.25 s
    field = page.locator("input.md-search__input").bounding_box()
    assert field["width"] > 100
    for control in ("[data-quick-exit]", ".help-link"):
        box = page.locator(control).bounding_box()
        assert box["width"] > 0 and not overlap(field, box), (control, field, box)


def test_keyboard_alone_opens_searches_moves_through_results_opens_one_and_closes(base, reader_page):
    page = open_chapter(reader_page, base, "en")
    toggle = "document.getElementById('__search').checked"
    page.keyboard.press("/")
    assert page.evaluate(toggle) and page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("forgive")
    page.wait_for_selector(RESULTS)
    focused = "document.activeElement.closest('.md-search-result__link') && document.activeElement.href"
    page.keyboard.press("ArrowDown")
    first = page.evaluate(focused)
    page.keyboard.press("ArrowDown")
    second = page.evaluate(focused)
    assert first and second and first != second
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == first
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    # the page opened marks the words found (search.highlight)
    assert "forgiv" in " ".join(page.locator(".md-content mark[data-md-highlight]").all_inner_texts()).lower()
    # Tab reaches the field like any control, Tab again the topic filter, Escape closes
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search field")
    assert page.evaluate(toggle)
    for _ in range(2):  # Material's result panel (scrollable by keyboard), then the filter in it
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('select[data-search-filter]')") and page.evaluate(toggle)
    page.keyboard.press("ArrowDown")  # the select's own key: picks the next topic, focus stays
    assert page.evaluate("document.activeElement.matches('select[data-search-filter]')")
    assert page.locator("select[data-search-filter]").input_value() != ""
    page.keyboard.press("Escape")
    assert not page.evaluate(toggle)
    assert not page.evaluate("document.querySelector('[data-site-search]').contains(document.activeElement)")


@pytest.mark.parametrize("code", ["en", "ar", "ja", "zh"])
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["1280", "390"])
def test_axe_finds_no_violations_in_the_open_search(base, reader_page, code, viewport):
    # axe is injected as an inline script, which the site's policy blocks: this page goes without it.
    page = open_chapter(reader_page, base, code, viewport=viewport, bypass_csp=True)
    search(page, SEGMENTED.get(code, RARE[code]))
    page.wait_for_timeout(300)
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document.querySelector('[data-site-search]'), "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    assert page.locator(RESULTS).count() > 0
    assert [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in results["violations"]] == []


# --- Content-Security-Policy ----------------------------------------------------------------------------------

INLINE_SCRIPT = re.compile(rb'<script(?![^>]*\bsrc=)(?![^>]*type="application/(?:ld\+)?json")[^>]*>(.*?)</script>', re.S)


def policy(html: bytes, wasm: bool) -> str:
    """The site's policy: scripts from 'self' and the page's own inline scripts (by hash), Pagefind's
    WebAssembly, connections to 'self' only, images from 'self' and data: URLs."""
    sources = ["'self'"] + [f"'sha256-{base64.b64encode(hashlib.sha256(s).digest()).decode()}'"
                            for s in INLINE_SCRIPT.findall(html)] + (["'wasm-unsafe-eval'"] if wasm else [])
    return f"default-src 'self'; script-src {' '.join(sources)}; connect-src 'self'; img-src 'self' data:"


class PolicyHandler(SiteHandler):
    """Sends the policy in every page's <meta> (as GitHub Pages will), or as a header of every response
    (stricter: then it governs Pagefind's worker too)."""

    delivery = "meta"
    wasm = True

    def send_head(self):
        file = Path(self.translate_path(self.path))
        file = file / "index.html" if file.is_dir() else file
        if file.suffix != ".html" or not file.is_file():
            return super().send_head()
        html = file.read_bytes()
        if self.delivery == "meta":
            meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, self.wasm)}">'
            html = html.replace(b"<head>", b"<head>" + meta.encode(), 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        return io.BytesIO(html)

    def end_headers(self):
        if self.delivery == "header":
            file = Path(self.translate_path(self.path))
            file = file / "index.html" if file.is_dir() else file
            html = file.read_bytes() if file.suffix == ".html" and file.is_file() else b""
            self.send_header("Content-Security-Policy", policy(html, self.wasm))
        super().end_headers()


@contextmanager
def serve_with_policy(root: Path, delivery: str, wasm: bool):
    handler = type("Handler", (PolicyHandler,), {"delivery": delivery, "wasm": wasm})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("delivery", "wasm"), [("meta", True), ("header", True), ("header", False)])
def test_search_works_under_the_sites_content_security_policy(site, new_page, delivery, wasm):
    with serve_with_policy(site.site, delivery, wasm) as url:
        page = new_page()
        page.add_init_script("""window.__violations = [];
            document.addEventListener("securitypolicyviolation",
                e => window.__violations.push(e.effectiveDirective + " " + e.blockedURI));""")
        errors = []
        page.on("console", lambda message: errors.append(message.text)
                if "content security policy" in message.text.lower() else None)
        page.goto(url + "fr/" + CHAPTER)
        found = search(page, RARE["fr"])
        violations = page.evaluate("window.__violations")
        if wasm:
            assert found == 1 and violations == [] and errors == []
        else:  # the one source Pagefind needs beyond 'self': its WebAssembly is blocked, the search fails
            assert found == 0 and page.locator(RESULTS).count() == 0
            assert any("WebAssembly" in error for error in errors), errors
