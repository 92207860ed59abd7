"""The topic pages of one language: the topics index and one page per topic, as Markdown sources.

They are generated (virtual) pages, so everything shown is escaped here: a topic label such as
`<script>` must come out as text.
"""

from __future__ import annotations

from collections import Counter

import yaml
from markupsafe import escape

from page_index import PageInfo
from topics import Topic, TopicRegistry
from urls import relative_href

INDEX_URI = "tags/index.md"


def topic_uri(slug: str) -> str:
    return f"tags/{slug}.md"


def topic_url(slug: str, use_directory_urls: bool = True) -> str:
    return f"tags/{slug}/" if use_directory_urls else f"tags/{slug}.html"


def pages_with(pages: list[PageInfo], slug: str) -> list[PageInfo]:
    return [page for page in pages if slug in page.tags]


def related_topics(pages: list[PageInfo], slug: str, registry: TopicRegistry) -> list[tuple[Topic, int]]:
    """Topics that appear on the same pages as `slug`, most shared first."""
    together = Counter(tag for page in pages_with(pages, slug) for tag in page.tags if tag != slug)
    order = {topic.slug: position for position, topic in enumerate(registry.topics)}
    return [(registry.get(tag), count) for tag, count in sorted(together.items(), key=lambda item: (-item[1], order[item[0]]))]


def front_matter(title: str, description: str) -> str:
    return "---\n" + yaml.safe_dump({"title": title, "description": description}, allow_unicode=True) + "---\n\n"


def chip(topic: Topic, code: str, href: str) -> str:
    return f'<a class="topic-chip" href="{escape(href)}">#{escape(topic.text(code).label)}</a>'


def chip_list(topics: list[Topic], code: str, here: str, label: str, counts: dict[str, int] | None = None) -> str:
    """A labelled list of hashtag chips linking to the topics' pages, from the page at URL `here`."""
    items = []
    for topic in topics:
        count = f' <span class="topic-count">({counts[topic.slug]})</span>' if counts else ""
        items.append(f"<li>{chip(topic, code, relative_href(here, topic_url(topic.slug)))}{count}</li>")
    return f'<nav class="topic-chips" aria-label="{escape(label)}"><ul>{"".join(items)}</ul></nav>'


def page_listing(pages: list[PageInfo], here: str, ui: dict[str, str]) -> str:
    items = []
    for page in pages:
        minutes = escape(ui["reading_time"].format(minutes=page.minutes))
        items.append(
            f'<li><a href="{escape(relative_href(here, page.url))}">{escape(page.title)}</a>'
            f'<p>{escape(page.description)}</p><p class="reading-time">{minutes}</p></li>'
        )
    return f'<ul class="topic-listing">{"".join(items)}</ul>'


def topics_index(registry: TopicRegistry, pages: list[PageInfo], code: str, ui: dict[str, str]) -> str:
    """The topics index: every topic with its description and how many pages carry it."""
    here = "tags/"
    items = []
    for topic in registry.topics:
        count = len(pages_with(pages, topic.slug))
        items.append(
            f"<li>{chip(topic, code, relative_href(here, topic_url(topic.slug)))}"
            f' <span class="topic-count">{escape(ui["topic_pages_count"].format(count=count))}</span>'
            f"<p>{escape(topic.text(code).description)}</p></li>"
        )
    body = f'<p>{escape(ui["topics_intro"])}</p>\n\n<ul class="topic-index">{"".join(items)}</ul>\n'
    return front_matter(ui["topics_title"], ui["topics_description"]) + body


def topic_page(topic: Topic, registry: TopicRegistry, pages: list[PageInfo], code: str, ui: dict[str, str]) -> str:
    """One topic's page: its description, the pages that carry it and the related topics."""
    here = topic_url(topic.slug)
    text = topic.text(code)
    carrying = pages_with(pages, topic.slug)
    related = related_topics(pages, topic.slug, registry)
    parts = [f'<p class="topic-description">{escape(text.description)}</p>\n']
    parts.append(f'## {escape(ui["topic_pages_heading"])} {{#pages}}\n')
    parts.append(page_listing(carrying, here, ui) if carrying else f'<p>{escape(ui["topic_no_pages"])}</p>')
    parts.append(f'\n\n## {escape(ui["topic_related_heading"])} {{#related}}\n')
    if related:
        counts = {t.slug: n for t, n in related}
        parts.append(chip_list([t for t, _ in related], code, here, ui["topic_related_heading"], counts))
    else:
        parts.append(f'<p>{escape(ui["topic_no_related"])}</p>')
    return front_matter(f"#{text.label}", text.description) + "\n".join(parts) + "\n"
