"""A page's metadata for search engines and link previews: Open Graph and JSON-LD.

Pure functions over plain values; `seo_hook` collects those values from MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field



@dataclass(frozen=True)
class PageMetadata:
    """What goes into a page's <head> besides MkDocs' and Material's own tags."""

    open_graph: list[tuple[str, str]] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)  # serialized, safe inside <script>


def open_graph(title: str, description: str, url: str, locale: str, alternate_locales: list[str], kind: str) -> list[tuple[str, str]]:
    tags = [("og:title", title), ("og:description", description), ("og:type", kind), ("og:url", url), ("og:locale", locale)]
    tags += [("og:locale:alternate", other) for other in alternate_locales if other != locale]
    return tags


def article(headline: str, description: str, language: str, url: str, citations: list[str]) -> dict:
    data: dict[str, object] = {
        "@context": "https://schema.org", "@type": "Article", "headline": headline,
        "description": description, "inLanguage": language, "url": url,
    }
    if citations:
        data["citation"] = [{"@type": "CreativeWork", "name": name} for name in citations]
    return data


def faq_page(questions: list[tuple[str, str]], language: str, url: str) -> dict:
    return {
        "@context": "https://schema.org", "@type": "FAQPage", "inLanguage": language, "url": url,
        "mainEntity": [
            {"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for question, answer in questions
        ],
    }


_TAG = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)


def text_of(fragment: str) -> str:
    fragment = _FOOTNOTE_REF.sub("", _HEADERLINK.sub("", fragment))
    # Collapse layout whitespace only: typographic spaces (French "\u202f?") are part of the text.
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(_TAG.sub(" ", fragment))).strip(" ")


def questions_and_answers(content: str) -> list[tuple[str, str]]:
    """Each `<h2>` question of a rendered Q&A page with the text that follows it up to the next."""
    content = content.split('<div class="footnote">')[0]
    parts = re.split(r"(<h2\b[^>]*>.*?</h2>)", content, flags=re.DOTALL)
    pairs = []
    for position in range(1, len(parts) - 1, 2):
        question, answer = text_of(parts[position]), text_of(parts[position + 1])
        if question and answer:
            pairs.append((question, answer))
    return pairs


def cited_ids(markdown: str) -> list[str]:
    """Source ids cited by footnote in a page, in order of first citation."""
    return list(dict.fromkeys(re.findall(r"\[\^([a-z0-9-]+)\](?!:)", markdown)))


def source_references(sources_markdown: str) -> dict[str, str]:
    """The Sources page's references, by id: each paragraph ending with a `{#id}` line."""
    references = {}
    for paragraph in re.split(r"\n\s*\n", sources_markdown):
        match = re.search(r"^\{#([a-z0-9-]+)\}\s*$", paragraph, re.MULTILINE)
        if match:
            text = paragraph[: match.start()].strip()
            text = re.sub(r"[*_]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text))
            references[match.group(1)] = re.sub(r"\s+", " ", text)
    return references
