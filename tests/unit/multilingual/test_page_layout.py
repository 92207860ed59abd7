"""A page's article as data (hooks/multilingual/page_layout.py): its heading and text, and the blocks
hooks add under them, each in the place declared for its slot, whatever order the hooks run in."""

import pytest
from markupsafe import Markup

from multilingual.page_layout import MisplacedHeadingError, PageBlock, add_page_block, heading_and_text


def test_blocks_take_their_declared_places_whatever_order_they_are_added_in():
    context: dict = {}
    add_page_block(context, "translation-review", Markup("<p>not reviewed</p>"))
    add_page_block(context, "translation-notice", Markup("<div>stale</div>"))
    add_page_block(context, "safety-notice", Markup("<div>safety</div>"))
    add_page_block(context, "topics", Markup("<nav>chips</nav>"))
    add_page_block(context, "reading-time", Markup("<p>7 min</p>"))
    assert [block.slot for block in context["page_header"]] == ["topics", "reading-time", "safety-notice",
                                                                "translation-notice"]
    assert context["page_footer"] == (PageBlock("translation-review", Markup("<p>not reviewed</p>")),)


def test_blocks_of_one_slot_keep_the_order_they_were_added_in_and_text_is_escaped():
    context: dict = {}
    add_page_block(context, "safety-notice", Markup("<div>first</div>"))
    add_page_block(context, "topics", Markup("<nav>chips</nav>"))
    add_page_block(context, "safety-notice", "<second>")
    assert [block.html for block in context["page_header"]] == ["<nav>chips</nav>", "<div>first</div>", "&lt;second&gt;"]


def test_a_slot_that_is_not_declared_is_refused():
    with pytest.raises(ValueError, match=r"No page block slot 'banner': declare it in PAGE_HEADER or PAGE_FOOTER"):
        add_page_block({}, "banner", Markup("<div></div>"))


def test_the_heading_is_the_leading_h1_of_the_content():
    heading, text = heading_and_text('\n<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>\n<p>Body</p>', "a.md")
    assert heading == '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>' and text == "\n<p>Body</p>"
    assert isinstance(heading, Markup) and isinstance(text, Markup)  # printed as they are
    assert heading_and_text("<h2>Part</h2>\n<p>Body</p>", "a.md") == ("", "<h2>Part</h2>\n<p>Body</p>")  # the title is written


def test_an_h1_further_down_is_refused_naming_the_page():
    with pytest.raises(MisplacedHeadingError, match=r"docs/en/a\.md: the page has a level-1 heading .* not at its top"):
        heading_and_text("<p>Intro</p>\n<h1>Title</h1>", "docs/en/a.md")
    assert heading_and_text("<h1>One</h1><h1>Two</h1>", "a.md")[0] == "<h1>One</h1>"  # a second one is text
