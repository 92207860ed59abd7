"""The built site in a real browser: Debian's Chromium driven by Playwright.

The session's site (built once, for a project site at /guide/) is served on 127.0.0.1 under /guide/,
as GitHub Pages serves it (conftest.py: `base`, `browser`, `new_page`), and read as a reader would:
accessibility (axe-core, WCAG 2.0-2.2 A and AA), the language switcher by mouse and keyboard,
right-to-left layout, a search's requests recorded (the search itself: test_search.py), a phone's
viewport, quick exit and print. Every request of every page these tests load is recorded; none may
leave 127.0.0.1.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from browser_support import (
    AXE_SCRIPT, ARTIFACTS, CHAPTER, PHONE, PREFIX, WCAG_TAGS, document_language, hreflang,
    leaves_loopback, overlap, prefix, serve,
)
from conftest import Project


# --- accessibility ----------------------------------------------------------------------------------

AXE_PAGES = {
    "home": "", "chapter": CHAPTER, "topics": "tags/", "topic": "tags/trust-recovery/",
    "questions": "questions/", "help": "getting-help/", "404": "no-such-page/",
}


@pytest.mark.parametrize("code", ["en", "ar", "ja", "zh", "fr"])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_wcag_a_or_aa_violations(base, reader_page, name, code):
    page = reader_page(bypass_csp=True)  # axe is injected as an inline script, which the site's policy blocks
    response = page.goto(base + prefix(code) + AXE_PAGES[name])
    assert response.status == (404 if name == "404" else 200)
    # The root 404 page shows the 404 text of the language whose folder the path is in.
    page.wait_for_function(
        "lang => document.documentElement.lang === lang && document.readyState === 'complete'",
        arg=hreflang(code),
    )
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    assert results["testEngine"]["version"].startswith("4.")
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                    for node in violation["nodes"][:5])
        for violation in results["violations"]
    ]
    assert violations == [], f"{page.url}:\n" + "\n".join(violations)


# --- language switcher ------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "target"), [("en", "fr"), ("ar", "zh"), ("ja", "en")])
def test_switcher_click_lands_on_the_same_chapter_in_that_language(base, reader_page, start, target):
    page = reader_page()
    page.goto(base + prefix(start) + CHAPTER)
    page.hover(".language-switcher button")
    page.click(f".language-switcher a[hreflang='{hreflang(target)}']")
    page.wait_for_url(base + prefix(target) + CHAPTER)
    assert document_language(page) == hreflang(target)


def test_switcher_works_with_the_keyboard_alone(base, new_page):
    target = hreflang("de")
    page = new_page()
    page.goto(base + CHAPTER)
    visited = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate("""() => {
            const element = document.activeElement;
            return {tag: element.tagName, hreflang: element.getAttribute("hreflang"),
                    switcher: !!element.closest(".language-switcher")};
        }""")
        visited.append(focus)
        if focus["hreflang"] == target:
            break
    else:
        pytest.fail(f"Tab never reached the switcher's {target} link; focus went through {visited}")
    assert {"tag": "BUTTON", "hreflang": None, "switcher": True} in visited  # the switcher's button first
    assert page.locator(":focus").is_visible()  # the focused link is shown, not only focusable
    page.keyboard.press("Enter")
    page.wait_for_url(base + "de/" + CHAPTER)
    assert document_language(page) == target


# --- right to left ----------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["ar", "en"])
def test_arabic_lays_out_right_to_left_with_the_nav_on_the_right(base, reader_page, code):
    page = reader_page(viewport={"width": 1280, "height": 800})
    page.goto(base + prefix(code) + CHAPTER)
    direction = page.evaluate("getComputedStyle(document.body).direction")
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert nav["width"] > 0 and content["width"] > 0
    if code == "ar":
        assert direction == "rtl"
        assert nav["x"] > content["x"] + content["width"] / 2, (nav, content)
    else:
        assert direction == "ltr"
        assert nav["x"] < content["x"], (nav, content)


# --- search (more in test_search.py) ---------------------------------------------------------------

SEARCH_DONE = """() => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return document.querySelectorAll(".md-search-result__list a").length > 0
        || document.querySelector(".md-search-result__meta").textContent.trim()
           === config.translations["search.result.none"];
}"""


def test_requests_are_recorded_and_stay_on_loopback(base, new_page):
    """The request log sees a page's assets and its search's, those of Pagefind's worker included
    (the fixture checks hosts)."""
    page = new_page()
    log = []
    page.on("request", lambda request: log.append(request.url))
    page.goto(base + f"ja/{CHAPTER}")
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("償う")
    page.wait_for_function(SEARCH_DONE)
    paths = [urlsplit(url).path for url in log]
    assert PREFIX + "pagefind/ja/pagefind.js" in paths and PREFIX + "pagefind/ja/pagefind-worker.js" in paths
    assert any(path.startswith(PREFIX + "pagefind/ja/index/") for path in paths), paths  # fetched by the worker
    assert not [url for url in log if leaves_loopback(url)]


# --- phone ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["en", "ar"])
def test_phone_viewport_has_no_horizontal_scroll(base, reader_page, code):
    page = reader_page(**PHONE)
    page.goto(base + prefix(code) + CHAPTER)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"chapter-{code}-390.png"))
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert inner_width == 390
    assert scroll_width <= inner_width
    # the quick exit does not cover the header's title (it did, centred in a 390px header)
    assert not overlap(page.locator("[data-quick-exit]").bounding_box(),
                       page.locator(".md-header__title").bounding_box())


NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Weather</title><p>Sunny.</p></html>"


@pytest.fixture(scope="session")
def small_base(tmp_path_factory):
    """A small project (en, fr, ar; its chapter translated in none) whose quick exit leads to a page
    on the same loopback server."""
    project = Project(tmp_path_factory.mktemp("quick-exit"))
    with serve(project.path / "site") as url:
        project.config["extra"]["quick_exit_url"] = url + "neutral.html"
        build = project.build()
        assert build.returncode == 0, build.output
        (project.path / "site" / "neutral.html").write_text(NEUTRAL_PAGE, encoding="utf-8")
        yield url


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_phone_viewport_has_no_horizontal_scroll_with_untranslated_pages(small_base, new_page, code):
    """The switcher's "not translated yet" marks make its list wider; it must stay on screen."""
    page = new_page(**PHONE)
    page.goto(small_base + f"{code}/chapter/")
    assert page.locator(".language-switcher small").count() > 0
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert scroll_width <= inner_width == 390


# --- quick exit -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("how", "options"), [
    ("click", {}), ("click", PHONE), ("escape twice", {}),
], ids=["click-desktop", "click-phone", "escape-twice"])
def test_quick_exit_leaves_without_a_way_back(small_base, new_page, how, options):
    page = new_page(**options)
    page.goto(small_base)  # the page before
    page.goto(small_base + "ar/chapter/")
    length = page.evaluate("history.length")
    if how == "click":
        page.click("[data-quick-exit]")
    else:
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
    page.wait_for_url(small_base + "neutral.html")
    assert page.evaluate("history.length") == length  # location.replace: no new history entry
    page.go_back()
    assert page.url == small_base  # Back skips the chapter


# --- print ------------------------------------------------------------------------------------------

def test_print_shows_the_text_footnotes_and_link_targets_without_site_controls(base, new_page):
    page = new_page()
    page.goto(base + "getting-help/")  # a chapter with footnotes and external links
    page.emulate_media(media="print")
    display = "selector => getComputedStyle(document.querySelector(selector)).display"
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".language-switcher", "[data-quick-exit]"):
        assert page.evaluate(display, selector) == "none", selector
    assert page.evaluate(display, ".md-content") != "none"
    assert page.locator(".footnote").is_visible()
    link = page.locator(".md-content .md-typeset a[href^='http']").first
    href = link.get_attribute("href")
    after = link.evaluate("link => getComputedStyle(link, '::after').content")
    assert unquote(href) in after, (href, after)
    page.emulate_media(media="screen")
    assert page.evaluate(display, ".md-header") != "none"
