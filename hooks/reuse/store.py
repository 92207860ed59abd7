"""Where reusable pages are kept between builds: `<cache>/<build inputs>/<language>.pages`, one file
per language holding every page's entries, read once when a build starts and written whole (aside,
then renamed) when it ends.

One file, not one per page: a cold build at 1,000 pages x 12 languages would otherwise create 24,000
small files, and on a journaling file system creating files, not writing bytes, is what costs.
Each entry is compressed against a dictionary (the language's first entry of its stage): the pages
of a language share most of their markup (nav, header, footer), so an entry takes a few kilobytes.

A folder per `build_inputs` digest, so that a build of other inputs (a preview, which serves
without the Content-Security-Policy, beside a deploy build) never removes what the other will
reuse; the most recently used few are kept. Within a language, a build that made every page keeps
only what it used, so the cache stays in proportion to the site.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import zlib
from typing import Any

from . import cache_write_failure, replace_file

log = logging.getLogger("mkdocs.plugins.reuse")
KEPT_BUILD_FOLDERS = 3  # e.g. `mkdocs build`, `mkdocs serve` and one left from before an edit
_WINDOW = 32768  # zlib's window: the most of a dictionary it uses


class PageStore:
    """The reusable pages of one language for one set of build inputs."""

    def __init__(self, cache_dir: str, inputs: str, code: str) -> None:
        self.cache_dir = cache_dir
        self.build_dir = os.path.join(cache_dir, inputs)
        self.path = os.path.join(self.build_dir, f"{code}.pages")
        self.entries: dict[str, bytes] | None = None  # "<key>.<stage>" -> compressed entry, as read
        self.dictionaries: dict[str, bytes] = {}  # stage -> zlib dictionary
        self.new: dict[str, bytes] = {}  # entries stored by this build
        self.used: set[str] = set()

    def _read(self) -> dict[str, bytes]:
        if self.entries is None:
            try:
                with open(self.path, "rb") as file:
                    kept = pickle.load(file)
                self.entries, self.dictionaries = dict(kept["entries"]), dict(kept["dictionaries"])
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, KeyError, TypeError):
                self.entries, self.dictionaries = {}, {}
        return self.entries

    def load(self, key: str, stage: str) -> Any | None:
        """The entry stored under `key` for `stage`, or None (also if it cannot be read: it is then
        made again and stored anew)."""
        name = f"{key}.{stage}"
        data = self.new.get(name) or self._read().get(name)
        if data is None or stage not in self.dictionaries:
            return None
        try:
            decompressor = zlib.decompressobj(zdict=self.dictionaries[stage])
            entry = pickle.loads(decompressor.decompress(data) + decompressor.flush())
        except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        self.used.add(name)
        return entry

    def save(self, key: str, stage: str, entry: Any) -> None:
        """Store `entry` (kept when the build ends, `write`)."""
        self._read()
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        dictionary = self.dictionaries.setdefault(stage, data[-_WINDOW:])
        compressor = zlib.compressobj(3, zdict=dictionary)
        name = f"{key}.{stage}"
        self.new[name] = compressor.compress(data) + compressor.flush()
        self.used.add(name)

    def keep(self, names) -> None:
        """Count the entries `names` as used by this build (a page put back whole was made from them)."""
        self.used.update(names)

    def write(self, complete: bool) -> int:
        """Keep this build's entries with the earlier ones; after a build that made every page of
        the language (`complete`), only those it used. Also remove the folders of all but the most
        recent build inputs. The number of entries left out. If the cache cannot be written, say
        so (the build goes on)."""
        entries = {**self._read(), **self.new}
        kept = {name: data for name, data in entries.items() if name in self.used} if complete else entries
        if not self.new and len(kept) == len(self.entries or {}):
            os.makedirs(self.build_dir, exist_ok=True)
            os.utime(self.build_dir)  # still in use: not among the oldest
            return 0
        try:
            replace_file(self.path, pickle.dumps({"dictionaries": self.dictionaries, "entries": kept},
                                                 protocol=pickle.HIGHEST_PROTOCOL))
            os.utime(self.build_dir)
        except OSError as error:
            log.warning(cache_write_failure(self.cache_dir, error))
            return 0
        remove_old_build_folders(self.cache_dir, KEPT_BUILD_FOLDERS)
        return len(entries) - len(kept)


def remove_old_build_folders(cache_dir: str, keep: int) -> None:
    try:
        folders = [entry for entry in os.scandir(cache_dir) if entry.is_dir()]
    except FileNotFoundError:
        return
    folders.sort(key=lambda entry: entry.stat().st_mtime, reverse=True)
    for entry in folders[keep:]:
        shutil.rmtree(entry.path, ignore_errors=True)
