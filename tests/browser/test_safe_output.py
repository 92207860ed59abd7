"""Defence in depth, in the browser: no text can break a page's scripts, every page's
Content-Security-Policy lets nothing reach another host, and the site's own pages run without a
single violation of it."""

from __future__ import annotations

import re

import pytest

from browser_support import CHAPTER, hreflang, prefix, serve
from conftest import Project, page

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
HOSTILE_TITLE = "Trust <!--<script> and you"
HOSTILE_SITE_NAME = "Q&A <img src=x onerror=alert(1)>"
TRACKER = "https://tracker.invalid/pixel.png"


@pytest.fixture(scope="session")
def hostile_base(tmp_path_factory):
    """A small project whose chapter title would break a script, and a page with an image from
    another host slipped into its text."""
    project = Project(tmp_path_factory.mktemp("hostile"))
    project.write("docs/en/chapter.md", page(HOSTILE_TITLE, description="</script><b>x</b>", tags=["trust"]))
    project.write("docs/en/pixel.md", page("A pixel", body=f'Text.\n\n<img src="{TRACKER}" alt="">\n'))
    project.config["nav"].insert(2, "pixel.md")
    ui = (project.path / "data/ui/fr.yml").read_text(encoding="utf-8")
    project.write("data/ui/fr.yml", re.sub(r'^site_name: .*$', f'site_name: "{HOSTILE_SITE_NAME}"', ui, flags=re.M))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url, build


def test_a_site_name_with_markup_prints_as_text(hostile_base):
    _, build = hostile_base
    for path in ("fr/", "fr/chapter/", "fr/tags/"):
        html = build.html(path)
        assert html.select('img[src="x"]') == [], path
        assert HOSTILE_SITE_NAME in html.select_one(".md-header__topic").get_text(), path
        assert html.title.get_text().endswith(HOSTILE_SITE_NAME), path


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("code", ["en", "fr", "ar"])
def test_a_title_that_would_break_a_script_leaves_the_page_whole(hostile_base, new_page, code):
    hostile_base, _ = hostile_base
    browser_page = new_page()
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.goto(hostile_base + prefix(code) + "chapter/")
    assert browser_page.locator(".md-content h1").inner_text().endswith(HOSTILE_TITLE)
    assert browser_page.locator(".md-footer").is_visible()
    assert browser_page.locator(".language-switcher a").count() == 3
    assert browser_page.locator(".md-content .topic-chips").is_visible()
    data = browser_page.evaluate("""() => [...document.querySelectorAll('script[type="application/ld+json"]')]
        .map(script => JSON.parse(script.textContent))""")
    assert data[0]["headline"] == "1. " + HOSTILE_TITLE and data[0]["description"] == "</script><b>x</b>"
    assert violations(browser_page) == []


def test_an_image_from_another_host_is_blocked(hostile_base, new_page):
    hostile_base, _ = hostile_base
    browser_page = new_page()  # the fixture fails the test if any request leaves 127.0.0.1
    browser_page.add_init_script(RECORD_VIOLATIONS)
    browser_page.goto(hostile_base + "pixel/")
    browser_page.wait_for_function("window.__violations.length > 0")
    assert violations(browser_page) == [f"img-src {TRACKER}"]
    assert browser_page.evaluate("document.querySelector('.md-content img').naturalWidth") == 0


PAGE_TYPES = {"home": "", "chapter": CHAPTER, "topics": "tags/", "topic": "tags/trust/", "questions": "questions/",
              "help": "getting-help/", "about": "about/", "404": "no-such-page/"}


@pytest.mark.parametrize("code", ["en", "ar", "ja"])
def test_no_page_type_violates_its_policy_and_search_works_under_it(base, new_page, code):
    browser_page = new_page()  # one reader going from page to page: each document records its own violations
    browser_page.add_init_script(RECORD_VIOLATIONS)
    for name, path in PAGE_TYPES.items():
        browser_page.goto(base + prefix(code) + path)
        browser_page.wait_for_function("lang => document.documentElement.lang === lang && document.readyState === 'complete'",
                                       arg=hreflang(code))
        policy = browser_page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy
        assert browser_page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
        if name == "chapter":
            search = browser_page.locator("input.md-search__input")
            search.click()
            search.fill({"en": "trust", "ar": "الثقة", "ja": "信頼"}[code])
            search.press("End")
            browser_page.wait_for_selector(".md-search-result__list a")
        browser_page.wait_for_timeout(200)
        assert violations(browser_page) == [], f"{code} {name}: {violations(browser_page)}"
