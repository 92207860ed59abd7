"""Where reusable pages are kept between builds: `<cache>/<build inputs>/<language>/<key>.<stage>`,
one compressed file per page and stage, written whole or not at all.

A folder per `build_inputs` digest, so that a build of other inputs (a preview, which serves
without the Content-Security-Policy, beside a deploy build) never removes what the other will
reuse; the most recently used few are kept. Within a language, a build that made every page removes
what it did not use, so the cache stays the size of the site.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import zlib
from typing import Any

from . import cache_write_failure

log = logging.getLogger("mkdocs.plugins.reuse")
KEPT_BUILD_FOLDERS = 3  # e.g. `mkdocs build`, `mkdocs serve` and one left from before an edit
_TEMPORARY = ".tmp-"


class PageStore:
    """The reusable pages of one language for one set of build inputs."""

    def __init__(self, cache_dir: str, inputs: str, code: str) -> None:
        self.cache_dir = cache_dir
        self.build_dir = os.path.join(cache_dir, inputs)
        self.folder = os.path.join(self.build_dir, code)
        self.used: set[str] = set()
        self.failed = False  # the cache could not be written: nothing more is stored

    def _path(self, key: str, stage: str) -> str:
        return os.path.join(self.folder, f"{key}.{stage}")

    def load(self, key: str, stage: str) -> Any | None:
        """The entry stored under `key` for `stage`, or None (also if it cannot be read: it is then
        made again and stored anew)."""
        path = self._path(key, stage)
        try:
            with open(path, "rb") as file:
                entry = pickle.loads(zlib.decompress(file.read()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        self.used.add(os.path.basename(path))
        return entry

    def save(self, key: str, stage: str, entry: Any) -> None:
        """Store `entry`; a reader sees the whole file or none (written aside, then renamed). If the
        cache cannot be written, say so once and store nothing more (the build goes on)."""
        if self.failed:
            return
        path = self._path(key, stage)
        self.used.add(os.path.basename(path))
        temporary = f"{path}{_TEMPORARY}{os.getpid()}"
        try:
            os.makedirs(self.folder, exist_ok=True)
            with open(temporary, "wb") as file:
                file.write(zlib.compress(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), 1))
            os.replace(temporary, path)
        except OSError as error:
            self.failed = True
            try:
                os.remove(temporary)
            except OSError:
                pass
            log.warning(cache_write_failure(self.cache_dir, error))

    def keep_only_used(self) -> int:
        """After a build that made every page of the language: remove what it did not use, and the
        folders of all but the most recent build inputs. The number of entries removed."""
        if self.failed:
            return 0
        removed = 0
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            names = []
        for name in names:
            if name not in self.used:
                try:
                    os.remove(os.path.join(self.folder, name))
                    removed += 1
                except FileNotFoundError:
                    pass
        os.makedirs(self.build_dir, exist_ok=True)
        os.utime(self.build_dir)
        remove_old_build_folders(self.cache_dir, KEPT_BUILD_FOLDERS)
        return removed


def remove_old_build_folders(cache_dir: str, keep: int) -> None:
    try:
        folders = [entry for entry in os.scandir(cache_dir) if entry.is_dir()]
    except FileNotFoundError:
        return
    folders.sort(key=lambda entry: entry.stat().st_mtime, reverse=True)
    for entry in folders[keep:]:
        shutil.rmtree(entry.path, ignore_errors=True)
