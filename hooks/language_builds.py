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
import time
import traceback
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

BUILD_LANGUAGE_KEY = "build_language"


@dataclass(frozen=True)
class BuildRequest:
    """What a worker needs to build one language: the root build's config file and outputs."""

    config_file: str
    code: str
    root_site_dir: str
    root_site_url: str
    serve_url: str | None = None


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
    except MkDocsException as error:
        result.error = str(error)
    except Exception:  # a bug, not bad input: keep the traceback for whoever fixes it
        result.error = traceback.format_exc()
    result.warnings = collect.records
    result.seconds = time.monotonic() - started
    return result


class LanguageBuilds:
    """The language builds of one main build: started early, awaited at the end."""

    def __init__(self, requests: list[BuildRequest], workers: int | None = None) -> None:
        workers = workers or min(len(requests), os.cpu_count() or 1) or 1
        # fork: workers start in milliseconds with MkDocs and Material already imported.
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork")
        )
        self._futures: list[Future] = [self._executor.submit(build_language, r) for r in requests]

    def results(self) -> list[BuildResult]:
        try:
            return [future.result() for future in self._futures]
        finally:
            self._executor.shutdown()

    def cancel(self) -> None:
        for future in self._futures:
            future.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
