"""`mkdocs serve`: the search index follows the edits, in the background.

A rebuild serves its pages first; then the languages whose sources changed since they were last
indexed are indexed again, in a thread, while the others keep their bundles. A language whose
sources changed is one the rebuild waited for (`serve_rebuilds`), so its pages are final by then.
The next rebuild never waits for the indexing: it stops it before MkDocs empties the site folder
and the language folders are moved aside, and the languages not indexed yet stay pending. The
bundles are held under a hidden name meanwhile, as the language folders are.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable, Iterable

from search.bundles import BUNDLE_DIR
from search.indexer import IndexingCancelled, IndexResult
from serve_rebuilds import file_versions, hold, languages_to_wait_for, restore


class ServeIndexing:
    """The background indexing of one `mkdocs serve` session, and what it still has to index."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._seen: dict | None = None  # sources' versions of the last rebuild indexed (or pending)
        self._current: dict | None = None  # sources' versions this rebuild is built from
        self.pending: set[str] = set()  # languages whose bundle is older than their pages

    def before_build(self, site_dir: str, watched: Iterable[str]) -> None:
        """Before anything moves in the site folder: stop an indexing under way, hold the bundles."""
        self.stop()
        self._current = file_versions(path for path in watched if path)
        hold(site_dir, [BUNDLE_DIR])

    def after_clean(self, site_dir: str) -> None:
        restore(site_dir, [BUNDLE_DIR])

    def after_build(self, docs_root: str, codes: list[str],
                    index: Callable[[str, threading.Event], IndexResult],
                    report: Callable[[list[IndexResult]], None], log: logging.Logger) -> list[str]:
        """Start indexing, one language after the other in a thread, the languages (of `codes`) changed
        since the last rebuild or still pending; return them. `index(code, cancel)` indexes one
        language; `report(results)` tells what was indexed. Errors are logged, not raised."""
        self.pending.update(languages_to_wait_for(self._seen, self._current or {}, docs_root, codes))
        self._seen = self._current
        todo = [code for code in codes if code in self.pending]
        if not todo:
            return []
        cancel = self._cancel = threading.Event()

        def work() -> None:
            done = []
            for code in todo:
                try:
                    done.append(index(code, cancel))
                except IndexingCancelled:
                    break
                except Exception as error:  # Pagefind failing, or a bug: say so; the last bundle stays served
                    log.error(f"Search index not updated: {error}")
                    continue
                self.pending.discard(code)
            if done:
                report(done)

        self._thread = threading.Thread(target=work, name="search-index", daemon=True)
        self._thread.start()
        return todo

    def stop(self) -> None:
        """Stop the indexing under way, if any, and wait until it has stopped (a split second)."""
        self._cancel.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
