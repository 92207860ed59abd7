"""The plan of a build: what it does around its own language, decided once, before anything is read,
from the command (`session.Session`). Every hook reads its data, `serving` and `changed`, from the
build's context (`config.extra["i18n"].plan`); only the multilingual hook calls its steps.

This base plan is a language worker's; `session.SitePlan` (`mkdocs build`) and `serve.ServePlan`
(each build of `mkdocs serve`) are the main build's.
"""

from __future__ import annotations

import logging

from multilingual.context import BuildContext
from reuse.pages import made_summary

from .workers import BuildResult

log = logging.getLogger("mkdocs.plugins.languages")


class Plan:
    """A build that makes only its own language (a worker's): every step does nothing."""

    serving: bool = False
    """MkDocs' dev server serves the site folder while this build writes it, and adds its live-reload
    script to each page as it serves it (every form of `mkdocs serve`)."""
    changed: tuple[str, ...] = ()
    """The languages (codes, in the site's order) whose sources changed since the last complete
    build, which the search indexes: every language in a `mkdocs build` and in the first build of
    `mkdocs serve`; none in a worker (its main build indexes the site)."""

    previous_output: str | None = None
    """The folder holding this build's pages as an earlier build of its language wrote them (the
    previous site, the served folder, or the language kept in the cache), from which the pages whose
    inputs did not change are put back instead of made again (`reuse.visits`); None: every page is made."""
    previous_output_is_spare: bool = False
    """Nothing reads `previous_output` once this build has begun, and it is dropped when the build
    ends, so pages are moved out of it rather than linked: `mkdocs serve`'s held root, and the served
    pages of a language the rebuild waits for (MkDocs serves nothing during a rebuild, and they are
    swapped out)."""

    def __init__(self, serving: bool = False) -> None:
        self.serving = serving

    def before_clean(self, config) -> None:
        """on_pre_build: before MkDocs empties the site folder."""

    def after_clean(self, config) -> None:
        """on_files: after MkDocs emptied the site folder."""

    def start_languages(self, config, context: BuildContext) -> None:
        """on_nav: every source has been read and checked; start the other languages' builds."""

    def finish_languages(self) -> None:
        """on_post_build: wait for the languages this build waits for; raise if one failed."""

    def fail(self) -> None:
        """on_build_error."""

    def close(self) -> None:
        """on_shutdown (`mkdocs build` and `gh-deploy` only; MkDocs calls it after the build)."""


class WorkerPlan(Plan):
    """A language worker's build: its own language only (`workers.py`)."""

    def __init__(self, serving: bool, previous_output: str | None, previous_output_is_spare: bool = False) -> None:
        super().__init__(serving)
        self.previous_output = previous_output
        self.previous_output_is_spare = previous_output_is_spare


def report_builds(results: list[BuildResult], skip=frozenset()) -> str | None:
    """Log the language builds' warnings (but those of `skip`, already logged); the error message
    of the failed ones, or None."""
    for result in results:
        if result.code not in skip:
            for level, message in result.warnings:
                log.log(level, f"[{result.code}] {message}")
    failed = [result for result in results if result.error and result.code not in skip]
    if failed:
        return "\n".join(f"Building language '{r.code}' failed: {r.error}" for r in failed)
    announced = [result for result in results if result.code not in skip]
    if announced:
        log.info("Languages built: " + ", ".join(f"{r.code} {r.seconds:.1f}s{made(r)}" for r in announced))
    return None


def made(result: BuildResult) -> str:
    """Which of a language's pages were rendered anew, and how many were put back as they were, e.g.
    " (2 made: a.md, b.md; 998 put back)"."""
    if result.made is None:
        return ""
    return f" ({made_summary(result.made)}{f'; {result.put_back} put back' if result.put_back else ''})"
