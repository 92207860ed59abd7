"""The topic pages of one language: the topics index and one page per topic, as Markdown sources
of generated (virtual) pages, and the chips that link to them. The HTML comes from the fragment
templates `topic-chips`, `topic-listing` and `topics-index`, which escape every text."""

from __future__ import annotations

from collections import Counter

import yaml
from markupsafe import escape

from multilingual.pages import PageInfo
from multilingual.templates import Fragments
from multilingual.urls import relative_href

from .registry import Topic, TopicRegistry

INDEX_URI = "tags/index.md"


def topic_uri(slug: str) -> str:
    return f"tags/{slug}.md"


def topic_url(slug: str, directory_urls: bool = True) -> str:
    """The URL of a topic's page, as MkDocs gives it (`use_directory_urls`)."""
    return f"tags/{slug}/" if directory_urls else f"tags/{slug}.html"


def index_url(directory_urls: bool = True) -> str:
    return "tags/" if directory_urls else "tags/index.html"


def pages_with(pages: list[PageInfo], slug: str) -> list[PageInfo]:
    return [page for page in pages if slug in page.tags]


def related_topics(pages: list[PageInfo], slug: str, registry: TopicRegistry) -> list[tuple[Topic, int]]:
    """Topics that appear on the same pages as `slug`, most shared first."""
    together = Counter(tag for page in pages_with(pages, slug) for tag in page.tags if tag != slug)
    order = {topic.slug: position for position, topic in enumerate(registry.topics)}
    ranked = sorted(together.items(), key=lambda item: (-item[1], order.get(item[0], len(order))))
    return [(topic, count) for tag, count in ranked if (topic := registry.get(tag)) is not None]


def front_matter(title: str, description: str) -> str:
    return "---\n" + yaml.safe_dump({"title": title, "description": description}, allow_unicode=True) + "---\n\n"


def chips(fragments: Fragments, topics: list[Topic], code: str, here: str, label: str,
          counts: dict[str, int] | None = None, directory_urls: bool = True) -> str:
    """A labelled list of hashtag chips linking to the topics' pages, from the page at URL `here`."""
    items = [{"label": topic.text(code).label, "href": relative_href(here, topic_url(topic.slug, directory_urls)),
              "count": counts.get(topic.slug) if counts else None} for topic in topics]
    return fragments.render_block("topic-chips", items=items, label=label)


def listing(fragments: Fragments, pages: list[PageInfo], here: str, ui) -> str:
    items = [{"title": page.title, "href": relative_href(here, page.url), "description": page.description,
              "minutes": page.minutes} for page in pages]
    return fragments.render_block("topic-listing", items=items, ui=ui)


def topics_index(fragments: Fragments, registry: TopicRegistry, pages: list[PageInfo], code: str, ui,
                 directory_urls: bool = True) -> str:
    """The topics index: every topic with its description and how many pages carry it."""
    here = index_url(directory_urls)
    topics = [{"label": topic.text(code).label, "description": topic.text(code).description,
               "href": relative_href(here, topic_url(topic.slug, directory_urls)), "count": len(pages_with(pages, topic.slug))}
              for topic in registry.topics]
    body = fragments.render_block("topics-index", topics=topics, ui=ui)
    return front_matter(ui["topics_title"], ui["topics_description"]) + body + "\n"


def topic_page(fragments: Fragments, topic: Topic, registry: TopicRegistry, pages: list[PageInfo], code: str, ui,
               directory_urls: bool = True) -> str:
    """One topic's page: its description, the pages that carry it and the related topics."""
    here = topic_url(topic.slug, directory_urls)
    text = topic.text(code)
    related = related_topics(pages, topic.slug, registry)
    carrying = pages_with(pages, topic.slug)
    parts = [
        fragments.render_block("topic-description", text=text.description),
        f'## {escape(ui["topic_pages_heading"])} {{#pages}}',
        listing(fragments, carrying, here, ui) if carrying else fragments.render_block("topic-empty", text=ui["topic_no_pages"]),
        f'## {escape(ui["topic_related_heading"])} {{#related}}',
        chips(fragments, [t for t, _ in related], code, here, ui["topic_related_heading"], {t.slug: n for t, n in related},
              directory_urls)
        if related else fragments.render_block("topic-empty", text=ui["topic_no_related"]),
    ]
    return front_matter(f"#{text.label}", text.description) + "\n\n".join(parts) + "\n"
