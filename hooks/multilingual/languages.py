"""The site's language table: what each language is called, where it lives, how it is marked up.

The table is declared once, in `mkdocs.yml` under `extra.languages`, each entry a `LanguageConfig`
that MkDocs validates; `load_languages` turns it into `Language` records and refuses a table that
would build a broken site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .errors import SiteInputError
from .settings import Text, validated

CODE_PATTERN = re.compile(r"^[a-z]{2,3}$")


class LanguageTableError(SiteInputError, ValueError):
    """The `extra.languages` table in mkdocs.yml is wrong; the message says how to fix it."""


class LanguageConfig(Config):
    """One entry of `extra.languages`, as MkDocs validates it."""

    code = Text()  # folder under docs/ and URL prefix: 2-3 lowercase letters
    label = Text()  # the switcher's short label
    name = Text()  # the language's own name
    material = Text()  # Material's theme.language
    hreflang = Text()  # BCP 47 tag
    direction = c.Choice(("ltr", "rtl"))
    og_locale = c.Optional(Text())  # unset: from hreflang


ENTRY_EXAMPLE = "{code: fr, label: FR, name: Français, material: fr, hreflang: fr, direction: ltr}"
FIXES = {
    "direction": "Set it to ltr or rtl (right to left: Arabic, Hebrew, ...).",
    "og_locale": "Give an Open Graph locale such as pt_BR, or leave it out.",
    **{key: f"Each language needs code, label, name, material, hreflang and direction as text, e.g. `{ENTRY_EXAMPLE}`."
       for key in ("code", "label", "name", "material", "hreflang")},
}


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str  # folder under docs/ and URL prefix, e.g. "zh"
    label: str  # short label in the switcher, e.g. "CN"
    name: str  # the language's own name, e.g. "中文"
    material: str  # Material's theme.language, e.g. "zh"
    hreflang: str  # BCP 47 tag for <html lang> and hreflang, e.g. "zh-Hans"
    direction: str  # "ltr" or "rtl"
    og_locale: str = ""  # Open Graph locale such as `pt_BR`; see `default_og_locale`


# Open Graph wants language_TERRITORY; for a bare language tag, the territory most readers are in.
OG_TERRITORIES = {
    "en": "US", "it": "IT", "fr": "FR", "de": "DE", "pl": "PL", "tr": "TR", "pt": "BR", "ru": "RU",
    "ar": "AR", "ja": "JP", "zh": "CN", "es": "ES", "nl": "NL", "sv": "SE", "uk": "UA", "ko": "KR",
}


def default_og_locale(hreflang: str) -> str:
    """`pt-BR` -> `pt_BR`; `fr` -> `fr_FR`; `zh-Hans` -> `zh_CN` (a script is not a territory)."""
    language, _, rest = hreflang.partition("-")
    territory = rest if len(rest) == 2 and rest.isalpha() else OG_TERRITORIES.get(language, language.upper())
    return f"{language}_{territory.upper()}"


def load_languages(entries: object, known_material_languages: set[str] | None = None) -> tuple[Language, ...]:
    """Validate the raw `extra.languages` list and return it as `Language` records, in order.

    The first language is the default one, built at the site root.
    """
    where = "mkdocs.yml: extra.languages"
    if not isinstance(entries, list) or not entries:
        raise LanguageTableError(f"{where} must be a non-empty list of languages, e.g. `- {ENTRY_EXAMPLE}`.")
    languages: list[Language] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise LanguageTableError(
                f"{where}, entry {position}: expected a mapping such as `{ENTRY_EXAMPLE}`, got {entry!r}.")
        named = f" ({entry['code']})" if isinstance(entry.get("code"), str) else ""
        config = validated(LanguageConfig, entry, f"{where}, entry {position}{named}: {{key}}", FIXES,
                           LanguageTableError, unknown_keys=True)
        code = config.code
        if not CODE_PATTERN.match(code):
            raise LanguageTableError(
                f"{where}, entry {position}: code {code!r} must be 2-3 lowercase letters (an ISO 639 code)."
            )
        if code in seen:
            raise LanguageTableError(f"{where}: language code {code!r} is listed twice; keep one entry.")
        seen.add(code)
        if known_material_languages is not None and config.material not in known_material_languages:
            raise LanguageTableError(
                f"{where}, entry {position} ({code}): Material has no language {config.material!r}; "
                f"use one of Material's codes (for Chinese: zh)."
            )
        languages.append(
            Language(
                code=code,
                label=config.label,
                name=config.name,
                material=config.material,
                hreflang=config.hreflang,
                direction=config.direction,
                og_locale=config.og_locale or default_og_locale(config.hreflang),
            )
        )
    return tuple(languages)


def find_language(languages: tuple[Language, ...], code: str) -> Language:
    """The language with this code; a `LanguageTableError` if the table has none."""
    for language in languages:
        if language.code == code:
            return language
    known = ", ".join(language.code for language in languages)
    raise LanguageTableError(f"Unknown language code {code!r}; mkdocs.yml extra.languages has: {known}.")
