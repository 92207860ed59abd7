"""Search bundles kept from earlier builds: a language whose pages are those an earlier build indexed
gets that build's bundle back instead of a new Pagefind run (Pagefind's runs are most of a cached
build's time, and it cannot add to an index). Pages are compared byte for byte, less the blocks
search leaves out: an edit of an English page adds an "out of date" notice to each of its
translations, and changes no other language's search.

Kept in `<cache>/search/<code>/<key>/`: the bundle (`bundle/`, its files hard-linked to the site's
where the file system allows: Pagefind writes a new bundle each run, never into one) and what
indexing it gave (`result.json`); the key is the hash of the command's options and of every page
Pagefind reads (`bundles.without_excluded`). Only the latest bundle of each language is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

from reuse import link_or_copy
from reuse.keys import file_digest

from .bundles import language_pages, without_excluded


def pages_key(folder: str, is_default: bool, other_codes: list[str], command: list[str], version: str) -> str:
    """What a language's bundle is made from: the Pagefind command (minus the paths it writes to
    and reads from), Pagefind's version, and the path and bytes of each page it reads, less what it
    leaves out."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(json.dumps([version, command]).encode())
    for path in language_pages(folder, is_default, other_codes):
        hasher.update(os.path.relpath(path, folder).encode("utf-8", "surrogateescape") + b"\0")
        hasher.update(file_digest(path, without_excluded))
    return hasher.hexdigest()


def restore(cache_dir: str, code: str, key: str, destination: str) -> dict | None:
    """Copy the bundle kept under `key` to `destination` (a new folder); what indexing it gave
    ({"pages": ..., "languages": [...]}), or None if none is kept."""
    kept = os.path.join(cache_dir, code, key)
    try:
        with open(os.path.join(kept, "result.json"), encoding="utf-8") as file:
            result = json.load(file)
        if os.path.isdir(os.path.join(kept, "bundle")):
            shutil.copytree(os.path.join(kept, "bundle"), destination, copy_function=link_or_copy)
    except (OSError, ValueError):
        shutil.rmtree(destination, ignore_errors=True)
        return None
    return result


def keep(cache_dir: str, code: str, key: str, bundle: str | None, result: dict) -> None:
    """Keep a new bundle (None: the language had no page to index) as the language's only one."""
    folder = os.path.join(cache_dir, code)
    kept = os.path.join(folder, key)
    writing = kept + f".writing-{os.getpid()}"
    shutil.rmtree(writing, ignore_errors=True)
    os.makedirs(writing)
    if bundle is not None:
        shutil.copytree(bundle, os.path.join(writing, "bundle"), copy_function=link_or_copy)
    with open(os.path.join(writing, "result.json"), "w", encoding="utf-8") as file:
        json.dump(result, file)
    for name in os.listdir(folder):
        if name != os.path.basename(writing):
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
    os.rename(writing, kept)
