"""Python's cycle collector in our long-lived processes.

A full collection walks every object the process holds. The main build holds every source of every
language, the pages' records and the caches (millions of objects at 1,000 articles x 12 languages),
so a full collection that falls in a build costs it a tenth of a second or more: measured, one in
each `mkdocs serve` rebuild and one in each language worker, which inherits that heap when forked.

- Before forking the language workers, the main build freezes what it holds (`gc.freeze`, as
  Python's documentation advises before a fork): the workers' collections, and the main build's for
  the rest of the build, walk only what was made since.
- `mkdocs serve`'s process, once a rebuild is over and a moment has passed with no new one, thaws,
  collects and freezes again (`collect_when_quiet`): the garbage of the rebuild is freed, nothing
  that became garbage stays frozen for long, and the next rebuild's collections walk only what it
  makes.
"""

from __future__ import annotations

import gc
import threading
from typing import Callable

QUIET_SECONDS = 1.0  # after a rebuild: the browsers have reloaded its pages


def freeze_before_fork() -> None:
    gc.freeze()


def collect_when_quiet(still_quiet: Callable[[], bool], seconds: float = QUIET_SECONDS) -> threading.Timer:
    """In `seconds`, if `still_quiet()` (no rebuild began meanwhile), collect everything and freeze
    what is left; the timer."""

    def collect() -> None:
        if still_quiet():
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    timer = threading.Timer(seconds, collect)
    timer.daemon = True
    timer.start()
    return timer
