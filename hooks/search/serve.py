"""`mkdocs serve`: the search index follows the edits, in the background.

A rebuild serves its pages first; then the languages whose sources changed since they were last
indexed are indexed again, in a thread, while the others keep their bundles. A language whose
sources changed is one the rebuild waited for (`serve_rebuilds`), so its pages are final by then.
MkDocs empties the site folder before each rebuild, except hidden entries: the bundles are held
under a hidden name meanwhile, as the language folders are.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable, Iterable

from search.bundles import BUNDLE_DIR
from serve_rebuilds import file_versions, hold, languages_to_wait_for, restore


class ServeIndexing:
    """The background indexing of one `mkdocs serve` session, and what it has indexed."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._indexed: dict | None = None  # sources' versions of the last indexing started
        self._current: dict | None = None  # sources' versions this rebuild is built from

    def before_build(self, site_dir: str, watched: Iterable[str]) -> None:
        """Before MkDocs empties the site folder: let an indexing under way finish, hold the bundles."""
        self.wait()
        self._current = file_versions(path for path in watched if path)
        hold(site_dir, [BUNDLE_DIR])

    def after_clean(self, site_dir: str) -> None:
        restore(site_dir, [BUNDLE_DIR])

    def after_build(self, docs_root: str, codes: list[str], index: Callable[[list[str]], None],
                    log: logging.Logger) -> list[str]:
        """Start indexing, in a thread, the languages (of `codes`) changed since the last indexing;
        return them. `index(codes)` does the work; its errors are logged, not raised."""
        changed = languages_to_wait_for(self._indexed, self._current or {}, docs_root, codes)
        self._indexed = self._current
        if not changed:
            return []

        def work() -> None:
            try:
                index(changed)
            except Exception as error:  # a bug or Pagefind failing: say so; the last bundles stay served
                self._indexed = None  # and index every language at the next rebuild
                log.error(f"Search index not updated: {error}")

        self._thread = threading.Thread(target=work, name="search-index", daemon=True)
        self._thread.start()
        return changed

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
