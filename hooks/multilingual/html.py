"""Small edits of rendered HTML shared by the hooks, and JSON that is safe inside `<script>`."""

from __future__ import annotations

import json
import re

from mkdocs.exceptions import PluginError

from .languages import Language

_LEADING_H1 = re.compile(r"^\s*<h1\b.*?</h1>", re.DOTALL)
_HTML_TAG = re.compile(r"<html\b[^>]*>")


def split_leading_h1(html: str) -> tuple[str, str]:
    """The content's leading `<h1>` (or "") and the rest."""
    match = _LEADING_H1.match(html)
    return (match.group(0).strip(), html[match.end():]) if match else ("", html)


def replace_marker(markdown: str, name: str, replacement: str) -> str:
    """Replace the line `<!-- insert: name -->` with `replacement` (a block of HTML)."""
    return re.sub(rf"^[ \t]*<!--\s*insert:\s*{re.escape(name)}\s*-->[ \t]*$", lambda _: replacement, markdown, flags=re.MULTILINE)


def has_marker(markdown: str, name: str) -> bool:
    return re.search(rf"<!--\s*insert:\s*{re.escape(name)}\s*-->", markdown) is not None


class ThemeMarkupError(PluginError):
    """The theme's output no longer has what one of our overrides fits into: the build stops."""


def set_document_language(html: str, language: Language, name: str = "a page") -> str:
    """Give `<html>` the language's BCP 47 tag (e.g. zh-Hans, where Material writes zh) and direction;
    a page without `<html>` (a theme that changed) stops the build: its language would be wrong."""
    html, count = _HTML_TAG.subn(
        f'<html lang="{language.hreflang}" dir="{language.direction}" class="no-js">', html, count=1
    )
    if not count:
        raise ThemeMarkupError(f"{name}: the theme wrote no <html> element, so the page's language "
                               f"({language.hreflang}) and direction cannot be set. Check the theme's "
                               "base.html (or a custom_dir's) against hooks/multilingual/html.py.")
    return html


def require_in_theme_output(html: str, needed: str, why: str) -> str:
    """`html` (a block of the theme's output), if it holds `needed`; else stop the build, saying
    `why` it is needed: an override that fits into the theme's markup never passes silently."""
    if needed not in html:
        raise ThemeMarkupError(f"The theme's output has no {needed!r}: {why}. The theme changed; adapt "
                               "overrides/main.html to it.")
    return html


def script_json(data: object) -> str:
    """JSON to write inside a `<script>` element. `<`, `>` and `&` are written as \\u003c, \\u003e and
    \\u0026 (still the same JSON data), so no text (`</script>`, `<!--<script>`) can end the element
    or switch the HTML parser into its script-escape states, which would swallow the rest of the page."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
