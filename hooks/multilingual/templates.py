"""HTML blocks of our own (notices, chips, listings, tables) rendered from small Jinja templates,
`fragments/<name>.html` in the theme's folders, so a site can restyle any of them by putting its own
copy in its `custom_dir`."""

from __future__ import annotations

from typing import cast

from jinja2 import BytecodeCache, Environment, TemplateNotFound
from jinja2.bccache import Bucket
from mkdocs.utils.templates import TemplateContext
from markupsafe import Markup

from .errors import SiteInputError


def add_to_context(context: TemplateContext, **values: object) -> TemplateContext:
    """Our values in a template's context (MkDocs' `TemplateContext` types only its own keys)."""
    cast(dict, context).update(values)
    return context


class MemoryBytecodeCache(BytecodeCache):
    """A process-wide, in-memory Jinja bytecode cache (inherited by forked worker processes).

    Each language is a separate MkDocs build with its own Jinja environment, so without it each
    build would compile Material's templates again (about 45 of them, a fifth of a second). Jinja
    keys templates by name and checks their source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = MemoryBytecodeCache()  # the theme's templates, for every build of the process


class FragmentError(SiteInputError):
    """A fragment template is missing; the message says where it is looked for."""


# Compiled once per process; a separate cache from the theme's, since these compile with autoescape.
_COMPILED = MemoryBytecodeCache()


class Fragments:
    """Renders `fragments/<name>.html` with autoescaping: any text given to a fragment comes out as
    text, whatever it holds (a title such as `<script>`), unless it is already `Markup`."""

    def __init__(self, loader, theme_dirs: list[str]) -> None:
        self.env = Environment(loader=loader, autoescape=True, bytecode_cache=_COMPILED)
        self.theme_dirs = theme_dirs

    def render(self, name: str, **context) -> Markup:
        """The fragment's HTML."""
        return Markup(self._template(name).render(**context).strip())

    def render_block(self, name: str, **context) -> Markup:
        """The fragment as one line of HTML: safe to put into Markdown as a raw HTML block (a blank
        line would end the block; fragments hold no whitespace-sensitive text)."""
        lines = (line.strip() for line in self._template(name).render(**context).splitlines())
        return Markup(" ".join(line for line in lines if line))

    def _template(self, name: str):
        try:
            return self.env.get_template(f"fragments/{name}.html")
        except TemplateNotFound:
            raise FragmentError(
                f"fragments/{name}.html is in none of the theme folders ({', '.join(self.theme_dirs)}). "
                "Keep `theme.custom_dir: overrides` in mkdocs.yml, or copy overrides/fragments/ into "
                "your custom_dir."
            ) from None


def fragments_for(config) -> Fragments:
    """The fragment renderer of a build, looking in the same folders as its theme."""
    return Fragments(config.theme.get_env().loader, list(config.theme.dirs))
