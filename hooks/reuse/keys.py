"""What a page is made from, as keys: a page rendered from the same inputs is the same page, so its
output can be reused from an earlier build, byte for byte.

A page is made in two stages, and each has its key:

- **content**: MkDocs renders the page's final Markdown (after every hook's `on_page_markdown`, so
  the listings a hook inserts are in it) into HTML, resolving its links against the build's files.
  Key: the language's `content_base` (the build's inputs and the files' URLs), the page's path and
  URL, and that Markdown.
- **template**: the theme renders the page's final content (after every hook's `on_page_content`:
  chips, notices...) into the whole page, with the nav and the values our hooks put in its context.
  Key: the language's `template_base` (the build's inputs, the files' URLs and the nav), the page's
  URL, title, content, table of contents, front matter and those context values.

What no key names is the same for every page of a build and goes into `build_inputs`: the project's
configuration, hooks, templates and data files, the packages that render, and the settings the
command decides (serving or not, the site's address).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from importlib import metadata
from typing import Callable, Iterable

from multilingual.versions import Version, file_version

FORMAT = "1"  # the layout of what is stored: change it when the entries change shape

# The packages whose code turns sources into pages (the first of each group that is installed).
RENDERING_PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "mkdocs-materialx", "markdown",
                      "pymdown-extensions", "jinja2", "markupsafe", "babel", "pyyaml")

# MkDocs' own keys of a page's template context (mkdocs.commands.build.get_context). The page, nav
# and config are in the key through the page's fields, the nav's signature and `build_inputs`;
# the build date is printed by no page.
MKDOCS_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                            "build_date_utc", "config", "page"})

_ENV_TAG = re.compile(r"!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)")
OBJECT_ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # in a repr: a value known only by its address


def digest(*parts: object) -> str:
    """A short hash of `parts` (each taken as text; bytes as they are)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(paths: Iterable[str], leave_out: str | None = None) -> str:
    """The hash of every file under `paths` (folders or files), by path and content. Compiled Python
    (`__pycache__`) and the folder `leave_out` (the cache itself) are left out."""
    hasher = hashlib.blake2b(digest_size=16)
    left_out = os.path.abspath(leave_out) + os.sep if leave_out else None
    for top in paths:
        hasher.update(f"\0{top}\0".encode())
        files = [top] if os.path.isfile(top) else sorted(
            os.path.join(folder, name)
            for folder, folders, names in os.walk(top)
            if "__pycache__" not in folder.split(os.sep)
            and not (left_out and (os.path.abspath(folder) + os.sep).startswith(left_out))
            for name in names
        )
        below = len(top.rstrip(os.sep)) + 1
        for path in files:  # its path below `top`, as os.path.relpath gives it (by string: thousands of files)
            hasher.update((path[below:] if path != top else ".").encode("utf-8", "surrogateescape") + b"\0")
            hasher.update(file_digest(path))
    return hasher.hexdigest()


# (path, what is hashed of it) -> (version, hash): `mkdocs serve` reads again only the files that
# changed since its last build (as its file watcher does, by time and size).
_FILE_DIGESTS: dict[tuple[str, Callable[[bytes], bytes] | None], tuple[Version, bytes]] = {}


def file_digest(path: str, part: Callable[[bytes], bytes] | None = None) -> bytes:
    """The hash of a file's content (or of `part` of it), read again only if its time or size changed."""
    version = file_version(path)
    known = _FILE_DIGESTS.get((path, part))
    if known is not None and known[0] == version:
        return known[1]
    with open(path, "rb") as file:
        content = file.read()
    value = hashlib.blake2b(content if part is None else part(content), digest_size=16).digest()
    _FILE_DIGESTS[(path, part)] = (version, value)
    return value


def package_versions(names: Iterable[str] = RENDERING_PACKAGES) -> str:
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ";".join(versions) + f";python=={sys.version_info[:3]}"


def environment_read_by(config_text: str, environ) -> str:
    """The values of the environment variables a `mkdocs.yml` reads (`!ENV`)."""
    names = sorted(set(_ENV_TAG.findall(config_text)))
    return ";".join(f"{name}={environ.get(name)!r}" for name in names)


def build_inputs(config_file: str, project_paths: Iterable[str], settings: Iterable[object], environ,
                 cache: str | None = None) -> str:
    """What every page of every language of a build depends on: `mkdocs.yml` and the environment it
    reads, the project's hooks, templates and data files (`project_paths`, the `cache` folder left
    out), the rendering packages, and the build's `settings` (e.g. whether it serves, its address)."""
    with open(config_file, encoding="utf-8") as file:
        config_text = file.read()
    return digest(FORMAT, config_text, environment_read_by(config_text, environ),
                  tree_digest(project_paths, cache), package_versions(), *settings)


def files_signature(files: Iterable) -> str:
    """Every file of a language build and its URL: what a page's links resolve against."""
    return digest(*sorted(f"{file.src_uri}\0{file.url}" for file in files))


def nav_signature(items: Iterable) -> str:
    """The nav as the theme shows it on every page: each entry's kind, title and URL, in order."""
    def walk(entries) -> Iterable[str]:
        for entry in entries:
            kind = type(entry).__name__
            yield f"{kind}\0{entry.title}\0{getattr(entry, 'url', '')}\0"
            yield from walk(getattr(entry, "children", None) or ())
            yield "\0end\0"
    return digest(*walk(items))


def toc_signature(toc: Iterable) -> str:
    def walk(items) -> Iterable[str]:
        for item in items:
            yield f"{item.level}\0{item.id}\0{item.title}"
            yield from walk(item.children)
            yield "\0end"
    return digest(*walk(toc))


def content_key(base: str, src_uri: str, url: str, markdown: str) -> str:
    return digest(base, src_uri, url, markdown)


def context_values(context: dict, skip: Iterable[str] = ()) -> str | None:
    """The values hooks put in a page's template context (all but MkDocs' own and `skip`), as text;
    None if one of them cannot be told apart from another by its text (it prints as an object's
    address), so that the page is never reused on a key that does not say what it was made from."""
    text = "\0".join(f"{name}={context[name]!r}" for name in sorted(context)
                     if name not in MKDOCS_CONTEXT and name not in skip)
    return None if OBJECT_ADDRESS.search(text) else text


def template_key(base: str, page, context_text: str) -> str:
    return digest(base, page.file.src_uri, page.url, page.title, page.content, toc_signature(page.toc),
                  repr(sorted(page.meta.items(), key=lambda item: str(item[0]))), context_text)
