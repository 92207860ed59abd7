"""The topic filter of the search: each page's topics as labels in the page's language. Pure functions.

Pagefind filters on the values pages carry (`data-pagefind-filter`), and shows them back with each
result; so a page carries its topics' translated labels, not their slugs, and a French reader
narrows by "Guérison", never by `healing`. `registry` is the topic registry (`topics/registry.py`),
or None for a site without topics.
"""

from __future__ import annotations

FILTER = "topic"  # the Pagefind filter's name, also read by overrides/assets/search.js


def page_topic_labels(tags: tuple[str, ...], registry, code: str) -> list[str]:
    """The labels, in language `code`, of a page's topics (its `tags` slugs), in the page's order."""
    topics = [registry.get(slug) for slug in tags] if registry is not None else []
    return [topic.text(code).label for topic in topics if topic is not None]


def topic_options(registry, code: str) -> list[str]:
    """Every topic's label in language `code`, in the registry's order: the filter's choices."""
    return [topic.text(code).label for topic in registry.topics] if registry is not None else []
