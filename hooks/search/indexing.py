"""When the search indexes which languages: the indexing of each kind of build, chosen once per build
from its plan (`indexing_for`), so the search hook's handlers never ask which command runs.

- `SiteIndexing` (`mkdocs build`): every language, once the languages are built; a failure fails the build.
- `ServeIndexing` (`mkdocs serve`): a rebuild serves its pages first; then the languages its plan
  says changed, and those not indexed yet, are indexed again in a thread, while the others keep
  their bundles. A language that changed is one the rebuild waited for (the same plan says so), so
  its pages are final by then. The next rebuild never waits for the indexing: it stops it before
  MkDocs empties the site folder and the language folders are moved aside, and the languages not
  indexed yet stay pending. The bundles are held under a hidden name meanwhile, as the language
  folders are.
- `Indexing`, a language worker's: nothing (its main build indexes the whole site).
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from mkdocs.exceptions import Abort, PluginError

from builds.serve import hold, restore

from .bundles import BUNDLE_DIR
from .indexer import IndexingCancelled, IndexResult, SearchIndexError

log = logging.getLogger("mkdocs.plugins.search")

# index(codes, cancel): index these languages of the built site (`search.indexer.index_languages`).
Index = Callable[[list[str], "threading.Event | None"], list[IndexResult]]
Report = Callable[[list[IndexResult]], None]  # tell what was indexed


class Indexing:
    """A language worker's: nothing to index."""

    def before_build(self, site_dir: str) -> None:
        """on_pre_build: before MkDocs empties the site folder."""

    def after_clean(self, site_dir: str) -> None:
        """on_files: MkDocs has emptied the site folder."""

    def after_build(self, codes: list[str], changed: tuple[str, ...], index: Index, report: Report) -> list[str]:
        """on_post_build, every language in place: index the languages (of `codes`, every language)
        that need it, `changed` ones at least; return them."""
        return []

    def stop(self) -> None:
        """on_shutdown: no Pagefind left reading the site folder."""


class SiteIndexing(Indexing):
    """`mkdocs build`: the changed languages (every language, for a build), now."""

    def after_build(self, codes: list[str], changed: tuple[str, ...], index: Index, report: Report) -> list[str]:
        todo = [code for code in codes if code in changed]
        try:
            results = index(todo, None)
        except SearchIndexError as error:
            raise PluginError(f"The search index could not be built.\n{error}") from None
        except IndexingCancelled:  # Ctrl-C reached Pagefind first: the build stops, and says only that
            raise Abort("Stopped while indexing the search: the previous site is kept.") from None
        report(results)
        return todo


class ServeIndexing(Indexing):
    """The background indexing of one `mkdocs serve` session, and what it still has to index."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self.pending: set[str] = set()  # languages whose bundle is older than their pages

    def before_build(self, site_dir: str) -> None:
        """Before anything moves in the site folder: stop an indexing under way, hold the bundles."""
        self.stop()
        hold(site_dir, [BUNDLE_DIR])

    def after_clean(self, site_dir: str) -> None:
        restore(site_dir, [BUNDLE_DIR])

    def after_build(self, codes: list[str], changed: tuple[str, ...], index: Index, report: Report) -> list[str]:
        """Start indexing, one language after the other in a thread, the `changed` languages and
        those still pending. Errors are logged, not raised: the last bundle stays served."""
        self.pending.update(changed)
        todo = [code for code in codes if code in self.pending]
        if not todo:
            return []
        cancel = self._cancel = threading.Event()

        def work() -> None:
            done = []
            for code in todo:
                try:
                    done += index([code], cancel)
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


def indexing_for(is_main: bool, serving: bool, serve_indexing: ServeIndexing) -> Indexing:
    """The indexing of a build: the main build's indexes the site (in the background, and across
    rebuilds, when MkDocs serves it); a language worker's, nothing."""
    if not is_main:
        return Indexing()
    return serve_indexing if serving else SiteIndexing()
