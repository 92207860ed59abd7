"""Small edits of a page's rendered HTML shared by several hooks."""

from __future__ import annotations

import re

_LEADING_H1 = re.compile(r"^\s*<h1\b.*?</h1>", re.DOTALL)


def insert_after_title(html: str, fragment: str) -> str:
    """Put `fragment` right after the page's leading `<h1>` if the content has one, else first.

    (Material renders the title itself when the content has no `<h1>`, above the content.)
    """
    match = _LEADING_H1.match(html)
    if match:
        return html[: match.end()] + "\n" + fragment + html[match.end():]
    return fragment + "\n" + html


def replace_marker(markdown: str, name: str, replacement: str) -> str:
    """Replace the line `<!-- insert: name -->` with `replacement` (a block of HTML)."""
    return re.sub(rf"^[ \t]*<!--\s*insert:\s*{re.escape(name)}\s*-->[ \t]*$", lambda _: replacement, markdown, flags=re.MULTILINE)
