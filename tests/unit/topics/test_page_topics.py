"""A page's topics as chips under its title: the topics hook adds them to the page header from the
page's own tags, in the build's language (topics_hook.py), without building a site."""

from types import SimpleNamespace

from multilingual.context import configure
from multilingual.pages import PageInfo
from topics_hook import TopicsHooks


def page_context(project, code: str, pages: dict, src_uri: str) -> dict:
    project.config["extra"]["build_language"] = code
    config = project.mkdocs_config()
    context, _ = configure(config)
    hooks = TopicsHooks()
    hooks.on_config(config)
    context.pages = pages
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=pages[src_uri].url)
    return hooks.on_page_context({}, page, config, None)


def test_a_page_with_topics_gets_their_chips_in_the_page_header_in_its_language(project):
    pages = {"chapter.md": PageInfo("chapter.md", "chapter/", "Un chapitre", "", ("trust", "betrayal"))}
    header = page_context(project, "fr", pages, "chapter.md")["page_header"]
    assert [block.slot for block in header] == ["topics"]
    assert 'class="page-topics" data-search-exclude' in header[0].html
    assert '<a class="topic-chip" href="../tags/trust/">#confiance</a>' in header[0].html


def test_a_page_without_topics_gets_no_block(project):
    pages = {"index.md": PageInfo("index.md", "", "Home", "", ())}
    assert "page_header" not in page_context(project, "en", pages, "index.md")
