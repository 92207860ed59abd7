"""The topic registry (`data/topics.yml`, or `extra.topics` in mkdocs.yml): every hashtag topic,
its slug and its words in each language."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from multilingual.data_files import load_data_file
from multilingual.errors import SiteInputError

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TopicError(SiteInputError):
    """Bad topic data or an unknown topic; the message names the file and says what to do."""


@dataclass(frozen=True)
class TopicText:
    """A topic's label (shown after '#') and one-line description in one language."""

    label: str
    description: str


@dataclass(frozen=True)
class Topic:
    """One topic: a stable slug, the source's hashtag, and its texts per language code."""

    slug: str
    hashtag: str
    texts: dict[str, TopicText]

    def text(self, code: str) -> TopicText:
        return self.texts[code]


@dataclass(frozen=True)
class TopicRegistry:
    """All topics, in the registry's order."""

    topics: tuple[Topic, ...]

    @property
    def slugs(self) -> list[str]:
        return [topic.slug for topic in self.topics]

    def get(self, slug: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.slug == slug), None)

    def closest(self, slug: str) -> str | None:
        matches = difflib.get_close_matches(str(slug), self.slugs, n=1, cutoff=0.0)
        return matches[0] if matches else None


def parse_topics(data: object, codes: list[str], source: str) -> tuple[TopicRegistry, list[str]]:
    """Check the registry's raw data; return it and a warning per missing translation.

    `codes[0]` is the default language: every topic needs a label and description in it; a gap in
    another language falls back to the default language's text, with a warning.
    """
    if not isinstance(data, list):
        raise TopicError(f"{source}: expected a list of topics (- slug: ..., hashtag: ..., en: ...).")
    default = codes[0]
    topics: list[Topic] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for position, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or "slug" not in entry:
            raise TopicError(f"{source}: topic {position} has no slug; give it `slug: lowercase-words`.")
        slug = str(entry["slug"])
        if not SLUG_PATTERN.match(slug):
            raise TopicError(
                f"{source}: topic slug {slug!r} may hold only lowercase ASCII letters, digits and single "
                "hyphens (a-z, 0-9, -); rename it."
            )
        if slug in seen:
            raise TopicError(f"{source}: two topics have the slug {slug!r}; slugs must be unique.")
        seen.add(slug)
        texts: dict[str, TopicText] = {}
        for code in codes:
            raw = entry.get(code)
            extra = sorted(str(key) for key in raw if key not in ("label", "description")) if isinstance(raw, dict) else []
            if extra:  # `{description: A, and B.}`: YAML split an unquoted description at its comma
                raise TopicError(
                    f"{source}: topic {slug!r}, '{code}': unexpected key(s) {', '.join(repr(k) for k in extra)}. "
                    "A label or description with a comma must be quoted: `description: \"A, and B.\"`."
                )
            if isinstance(raw, dict) and raw.get("label") and raw.get("description"):
                texts[code] = TopicText(str(raw["label"]), str(raw["description"]))
            elif code == default:
                raise TopicError(f"{source}: topic {slug!r} needs `{default}: {{label: ..., description: ...}}`.")
            else:
                texts[code] = texts[default]
                warnings.append(
                    f"{source}: topic {slug!r} has no label and description in '{code}'; showing the "
                    f"'{default}' text. Add `{code}: {{label: ..., description: ...}}`."
                )
        topics.append(Topic(slug=slug, hashtag=str(entry.get("hashtag") or f"#{slug}"), texts=texts))
    return TopicRegistry(tuple(topics)), warnings


REGISTRY_KEY = "topic_registry"  # config.extra: the build's registry (None: the site has no topics), set by topics_hook.py


def site_registry(config) -> TopicRegistry | None:
    """The topic registry of this build, for the other hooks (read once by topics_hook.py's on_config)."""
    return config.extra.get(REGISTRY_KEY)


def load_topics(path: str | Path, codes: list[str]) -> tuple[TopicRegistry, list[str]]:
    return parse_topics(load_data_file(path), codes, str(path))


def check_page_topics(tags: tuple[str, ...], registry: TopicRegistry | None, path: str) -> None:
    """Refuse a page topic that is not in the registry (or any topic, if the site has none)."""
    if tags and registry is None:
        raise TopicError(
            f"{path}: `tags` names topics, but this site has no topic registry. Add data/topics.yml "
            "(or set extra.topics in mkdocs.yml), or remove the page's `tags`."
        )
    if registry is None:
        return
    for tag in tags:
        if registry.get(str(tag)) is None:
            raise TopicError(
                f"{path}: unknown topic {str(tag)!r}. Did you mean {registry.closest(str(tag))!r}? "
                f"Use a slug of the topic registry ({', '.join(registry.slugs)}) or add the topic there."
            )
