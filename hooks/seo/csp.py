"""A strict Content-Security-Policy for every page, as a `<meta>` element, and no referrer.

Readers of the site may be in a fragile situation, so a page may load nothing from another host,
whatever a page's content holds (an `<img src="https://...">` slipped into a chapter is blocked),
and a link followed from it tells the next site nothing (`no-referrer`). Scripts run only from the
site's own files, and each inline script by the hash of its exact text, computed at build time;
'wasm-unsafe-eval' lets the search engine (Pagefind) compile its WebAssembly, and nothing more.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run (not JSON or JSON-LD data blocks)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, text = match.groups()
        kind = _TYPE.search(attributes)
        if not _SRC.search(attributes) and (kind.group(1).lower() if kind else "") in EXECUTABLE_TYPES:
            found.append(text)
    return found


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(script_hashes: list[str]) -> str:
    directives = dict(POLICY, **{"script-src": POLICY["script-src"] + sorted(set(script_hashes))})
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_policy(html: str, extra_scripts: tuple[str, ...] | list[str] = ()) -> str:
    """The page with its policy (allowing its own inline scripts and `extra_scripts`) and the
    referrer policy at the top of `<head>`, before any script or link."""
    hashes = [script_hash(text) for text in [*inline_scripts(html), *extra_scripts]]
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
            '<meta name="referrer" content="no-referrer">')
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    return html[: anchor.end()] + tags + html[anchor.end():]


_POLICY_TAGS = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*"><meta name="referrer" content="no-referrer">')


def strip_policy(html: str) -> str:
    """The page without the tags `with_policy` added (to compute them anew)."""
    return _POLICY_TAGS.sub("", html, count=1)
