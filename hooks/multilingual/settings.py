"""Settings in `mkdocs.yml` declared as MkDocs `Config` schemas (as Material's plugins and
mkdocs-static-i18n declare theirs), validated by MkDocs and reported as our bad input.

`extra:` is shared with the theme, so a schema is given only the keys it owns: a key nobody owns
stays allowed there. Within a schema's own mapping (a language entry), an unknown key is a mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .errors import SiteInputError

SomeConfig = TypeVar("SomeConfig", bound=Config)


def owned_keys(schema: type[Config], values: Mapping) -> dict:
    """The entries of `values` (say `config.extra`) that `schema` declares."""
    names = set(schema())  # a new config holds each of its keys, set to its default
    return {key: value for key, value in values.items() if key in names}


def validated(schema: type[SomeConfig], values: dict, where: str, fixes: Mapping[str, str],
              error: type[SiteInputError], unknown_keys: bool = False) -> SomeConfig:
    """`values` checked by `schema`: its first mistake raises `error`, a message that names the
    key (`where`, e.g. `mkdocs.yml: extra.{key}`), gives MkDocs' reason, then our fix
    (`fixes[key]`). `unknown_keys`: a key the schema does not declare is a mistake too."""
    config = schema()
    allowed = ", ".join(config)
    config.load_dict(values)
    failed, warnings = config.validate()
    if not failed and unknown_keys:
        failed = [(key, ValidationError(message)) for key, message in warnings
                  if message.startswith("Unrecognised configuration name")]
    if failed:
        key, reason = failed[0]
        fix = fixes.get(key) or f"Remove it; the keys allowed here: {allowed}."
        raise error(f"{where.format(key=key)}: {str(reason).rstrip('.')}. {fix}")
    return config


class Text(c.Type[str]):
    """Text that is not blank (MkDocs' `Type(str)` takes an empty string), stripped."""

    def __init__(self, **kwargs) -> None:
        super().__init__(str, **kwargs)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip()
        if not text:
            raise ValidationError("Expected text but received an empty value")
        return text


class DocsPage(Text):
    """A page of the docs, as a path below the language's folder: `getting-help.md`."""

    def run_validation(self, value: object) -> str:
        page = super().run_validation(value)
        if not page.endswith(".md"):
            raise ValidationError(f"Expected a page of the docs (a path ending in .md) but received: {page!r}")
        return page


class HttpUrl(c.URL):
    """An http(s) address (MkDocs' `URL` takes any scheme)."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value.strip() if isinstance(value, str) else value)
        if url and not url.startswith(("http://", "https://")):
            raise ValidationError(f"Expected an http:// or https:// address but received: {url!r}")
        return url
