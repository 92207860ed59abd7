"""A file's version, as the build's memos and `mkdocs serve`'s file watcher know it: its modification
time and size.

The memos of sources read, of file hashes and of data files are keyed by version, so each asks for
the version of every file it holds at every build: three or four system calls per source, 12,000
sources at 1,000 articles x 12 languages. A `mkdocs serve` rebuild has already taken them all, once,
in its snapshot of the watched tree (`builds.serve.snapshot`); it lends that snapshot here for the
rebuild (`lend`), and the memos read it instead. A file saved during the rebuild is read as the
snapshot saw it, or as it is now where nothing held it yet; either way its new version is seen by
the next rebuild, which that save triggers.
"""

from __future__ import annotations

import os
from typing import Mapping

Version = tuple[int, int]  # (modification time in ns, size)

_lent: Mapping[str, Version] | None = None  # the versions of the serve rebuild under way, if any


def file_version(path: str) -> Version:
    """The version of the file at `path` (`OSError` if there is none)."""
    if _lent is not None:
        known = _lent.get(path)
        if known is not None:
            return known
    return version_of(os.stat(path))


def version_of(stat: os.stat_result) -> Version:
    return stat.st_mtime_ns, stat.st_size


def lend(versions: Mapping[str, Version] | None) -> None:
    """Answer `file_version` from `versions` (a snapshot taken when the build began) until the next
    call; None: ask the file system again."""
    global _lent
    _lent = versions
