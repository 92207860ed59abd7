"""The guide's blocks under a page's title: a chapter's reading time and, on pages about one of the
safety topics, the safety notice (guide_hook.py), from the page's own data, without building a site."""

from types import SimpleNamespace

from guide_hook import GuideHooks
from multilingual.context import configure
from multilingual.pages import PageInfo


def header_slots(project, info: PageInfo) -> list[str]:
    config = project.mkdocs_config()
    context, _ = configure(config)
    hooks = GuideHooks()
    hooks.on_config(config)
    context.pages = {info.src_uri: info, "getting-help.md": PageInfo("getting-help.md", "getting-help/", "Help", "", ())}
    page = SimpleNamespace(file=SimpleNamespace(src_uri=info.src_uri), url=info.url)
    return [block.slot for block in hooks.on_page_context({}, page, config, None).get("page_header", ())]


def test_a_chapter_on_a_safety_topic_gets_its_reading_time_then_the_safety_notice(project):
    chapter = PageInfo("chapter.md", "chapter/", "1. A chapter", "", ("betrayal",), number=1, minutes=4)
    assert header_slots(project, chapter) == ["reading-time", "safety-notice"]


def test_the_front_matter_decides_the_safety_notice_and_only_chapters_have_a_reading_time(project):
    home = PageInfo("index.md", "", "Home", "", ("betrayal",), meta={"safety_notice": False}, minutes=2)
    assert header_slots(project, home) == []
    asked = PageInfo("about.md", "about/", "About", "", (), meta={"safety_notice": True})
    assert header_slots(project, asked) == ["safety-notice"]
