"""The help page and the help link as a reader on a phone meets them (issue: help where the reader is):
every number a phone can dial on one line and on screen, the help link on every kind of page, beside
the quick exit, never covering the search field."""

from __future__ import annotations

import pytest

from browser_support import AXE_SCRIPT, PHONE, WCAG_TAGS, hreflang, overlap, prefix

SMALL_PHONE = {**PHONE, "viewport": {"width": 360, "height": 740}}
PAGE_TYPES = {"home": "", "chapter": "recovering-trust/", "topic": "tags/trust/", "help": "getting-help/",
              "404": "no-such-page/"}


@pytest.mark.parametrize("code", ["en", "es", "ar", "de", "ja"])
def test_at_360px_no_phone_link_wraps_or_leaves_the_screen(base, reader_page, code):
    page = reader_page(**SMALL_PHONE)
    page.goto(base + prefix(code) + "getting-help/")
    page.evaluate("document.querySelectorAll('details.help-country').forEach(d => { d.open = true })")
    report = page.evaluate("""() => [...document.querySelectorAll('a.phone')].map(a => {
        const rects = a.getClientRects();
        return {text: a.textContent, lines: rects.length, left: rects[0].left, right: rects[rects.length - 1].right};
    })""")
    assert len(report) > 50  # every country's numbers, the other countries' opened
    width = page.evaluate("innerWidth")
    broken = [r for r in report if r["lines"] != 1 or r["left"] < 0 or r["right"] > width]
    assert broken == [], broken[:5]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_the_help_link_is_visible_on_every_kind_of_page(base, reader_page, kind, width):
    options = {**PHONE, "viewport": {"width": width, "height": 844}} if width < 960 else {"viewport": {"width": width, "height": 900}}
    page = reader_page(**options)
    page.goto(base + prefix("fr") + PAGE_TYPES[kind])
    # The root 404 page writes the French one over itself once fetched: measure that one, not the first.
    page.wait_for_function("lang => document.documentElement.lang === lang && document.readyState === 'complete'",
                           arg=hreflang("fr"))
    link = page.locator(".help-link")
    box = link.bounding_box()
    assert box and box["width"] > 0 and 0 <= box["x"] and box["x"] + box["width"] <= width
    # nothing covers it: the element at its centre is the link itself
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).classList.contains('help-link')",
                         [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert not overlap(box, page.locator("[data-quick-exit]").bounding_box())
    link.click()
    page.wait_for_url("**/fr/getting-help/#helplines")
    # two taps: the first country's emergency number is on the screen the help link opens
    first_number = page.locator("#help-FR a.phone").first
    box = first_number.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], box


def test_axe_finds_no_violations_on_the_spanish_help_page(base, reader_page):
    """en, ar and ja are in test_browser.py's axe run; Spanish has the longest list of countries."""
    page = reader_page(bypass_csp=True)
    page.goto(base + "es/getting-help/")
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=hreflang("es"))
    page.evaluate("document.querySelectorAll('details.help-country').forEach(d => { d.open = true })")
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    assert [v["id"] for v in results["violations"]] == []
