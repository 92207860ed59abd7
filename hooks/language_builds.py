"""Building the non-default languages in worker processes, in parallel with the main build.

Each language is a full MkDocs build of the same `mkdocs.yml`, told which language it is through
`config.extra[BUILD_LANGUAGE_KEY]`; `languages_hook.on_config` turns that into the language's
`docs_dir`, `site_dir`, `site_url` and theme language. Workers do not log: they return their
warnings, and the main build logs them, so that `mkdocs build --strict` counts them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from serve_rebuilds import publish

BUILD_LANGUAGE_KEY = "build_language"


@dataclass(frozen=True)
class BuildRequest:
    """What a worker needs to build one language: the root build's config file and outputs."""

    config_file: str
    code: str
    root_site_dir: str
    root_site_url: str
    serve_url: str | None = None
    publish_dir: str | None = None  # set: build under root_site_dir, then swap into publish_dir/<code>


@dataclass
class BuildResult:
    """What a language build reports back: its warnings, or the error that stopped it."""

    code: str
    warnings: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def build_language(request: BuildRequest) -> BuildResult:
    """Run one language's build (in a worker process) and report what happened."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.monotonic()
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    collect = _Collect()
    logger.addHandler(collect)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    result = BuildResult(request.code)
    try:
        config = load_config(
            request.config_file, site_dir=request.root_site_dir, site_url=request.root_site_url
        )
        config.extra[BUILD_LANGUAGE_KEY] = request.code
        config.strict = False  # the main build counts our warnings under --strict
        build(config, serve_url=request.serve_url)
        if request.publish_dir:
            publish(config.site_dir, os.path.join(request.publish_dir, request.code))
    except MkDocsException as error:
        result.error = str(error)
    except Exception:  # a bug, not bad input: keep the traceback for whoever fixes it
        result.error = traceback.format_exc()
    result.warnings = collect.records
    result.seconds = time.monotonic() - started
    return result


def exit_with_parent(parent: int) -> None:
    """Worker initializer: end the worker when the process that started it is gone (say `mkdocs
    serve` stopped with SIGTERM while languages build in the background), instead of lingering."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def preload_shared_data() -> None:
    """Load, in the process the workers are forked from, the data a language build would otherwise
    load for itself each time: jieba's dictionary (about half a second; Chinese search). Worth it
    when that process forks workers again and again (`mkdocs serve`)."""
    try:
        import jieba
    except ImportError:
        return
    jieba.initialize()


class LanguageBuilds:
    """The language builds of one main build: started early, awaited at the end (`results`), or
    some of them awaited and the others left to finish in the background (`mkdocs serve`)."""

    def __init__(self, requests: list[BuildRequest], workers: int | None = None) -> None:
        workers = workers or min(len(requests), os.cpu_count() or 1) or 1
        # fork: workers start in milliseconds with MkDocs and Material already imported.
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork"),
            initializer=exit_with_parent, initargs=(os.getpid(),),
        )
        # Submitted in this order, so the builds to await can be put first.
        self._futures: dict[str, Future] = {r.code: self._executor.submit(build_language, r) for r in requests}
        self._background: threading.Thread | None = None

    def results(self, codes: list[str] | None = None) -> list[BuildResult]:
        """Wait for the builds of `codes` (default: all, and then stop the workers)."""
        try:
            return [self._futures[code].result() for code in (codes if codes is not None else self._futures)]
        finally:
            if codes is None:
                self._executor.shutdown()

    def finish_in_background(self, report: Callable[[list[BuildResult]], None]) -> None:
        """Let the builds finish while the caller goes on; then `report` their results (in a thread)."""
        self._background = threading.Thread(target=lambda: report(self.results()), daemon=True)
        self._background.start()

    def wait(self) -> None:
        """Wait for `finish_in_background` to be done."""
        if self._background is not None:
            self._background.join()

    def cancel(self) -> None:
        for future in self._futures.values():
            future.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
