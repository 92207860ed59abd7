"""Search bundles kept from earlier builds: a language whose pages are those an earlier build indexed
gets that build's bundle back instead of a new Pagefind run (Pagefind's runs are most of a cached
build's time, and it cannot add to an index). Pages are compared byte for byte, less the blocks
search leaves out: an edit of an English page adds an "out of date" notice to each of its
translations, and changes no other language's search.

Kept in `<cache>/search/<code>/<key>/`: the bundle (`bundle/`, its files hard-linked to the site's
where the file system allows: Pagefind writes a new bundle each run, never into one) and what
indexing it gave (`result.json`); the key is the hash of the command's options and of every page
Pagefind reads, less what it leaves out (`BundleKey`). Only the latest bundle of each language is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil

from reuse import link_or_copy
from reuse.keys import file_digest

from .bundles import language_pages, without_excluded


class BundleKey:
    """What a language's bundle is made from: the Pagefind command (minus the paths it writes to
    and reads from), Pagefind's version, and the path and bytes of each page it reads. `exact` takes
    the bytes as they are (quick, and what most builds need); `indexed`, less what search leaves out,
    is worked out only when the exact one does not match, and names the kept bundle."""

    def __init__(self, folder: str, is_default: bool, other_codes: list[str], command: list[str], version: str) -> None:
        self.pages = [(os.path.relpath(path, folder).encode("utf-8", "surrogateescape"), path)
                      for path in language_pages(folder, is_default, other_codes)]
        self.options = json.dumps([version, command]).encode()
        self.exact = self._hash(None)
        self._indexed: str | None = None

    @property
    def indexed(self) -> str:
        if self._indexed is None:
            self._indexed = self._hash(without_excluded)
        return self._indexed

    def _hash(self, part) -> str:
        hasher = hashlib.blake2b(self.options, digest_size=16)
        for name, path in self.pages:
            hasher.update(name + b"\0")
            hasher.update(file_digest(path, part))
        return hasher.hexdigest()


def restore(cache_dir: str, code: str, key: BundleKey, destination: str) -> dict | None:
    """Copy the bundle kept for pages like these to `destination` (a new folder); what indexing it
    gave ({"pages": ..., "languages": [...]}), or None if none is kept."""
    folder = os.path.join(cache_dir, code)
    try:
        kept = [name for name in os.listdir(folder) if ".writing-" not in name]
    except OSError:
        return None
    for name in kept:  # one at most (`keep`)
        try:
            with open(os.path.join(folder, name, "result.json"), encoding="utf-8") as file:
                result = json.load(file)
            if result.get("exact") != key.exact and name != key.indexed:
                continue
            if os.path.isdir(os.path.join(folder, name, "bundle")):
                shutil.copytree(os.path.join(folder, name, "bundle"), destination, copy_function=link_or_copy)
        except (OSError, ValueError):
            shutil.rmtree(destination, ignore_errors=True)
            return None
        return {"pages": result["pages"], "languages": result["languages"]}
    return None


def keep(cache_dir: str, code: str, key: BundleKey, bundle: str | None, result: dict) -> None:
    """Keep a new bundle (None: the language had no page to index) as the language's only one."""
    folder = os.path.join(cache_dir, code)
    kept = os.path.join(folder, key.indexed)
    writing = kept + f".writing-{os.getpid()}"
    shutil.rmtree(writing, ignore_errors=True)
    os.makedirs(writing)
    if bundle is not None:
        shutil.copytree(bundle, os.path.join(writing, "bundle"), copy_function=link_or_copy)
    with open(os.path.join(writing, "result.json"), "w", encoding="utf-8") as file:
        json.dump({**result, "exact": key.exact}, file)
    for name in os.listdir(folder):
        if name != os.path.basename(writing):
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)
    os.rename(writing, kept)
