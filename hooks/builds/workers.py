"""Building the non-default languages in worker processes, in parallel with the main build.

Each language is a full MkDocs build of the same `mkdocs.yml`, told which language it is through
`config.extra[BUILD_LANGUAGE_KEY]`. Workers are forked once, from the main build's main thread
(fork: they start in milliseconds with MkDocs, Material and every source the main build read
already in memory), each with its share of the languages; they do not log, they send back their
warnings, and the main build logs them, so that `mkdocs build --strict` counts them. The main build
knows which language each worker is building, so a worker that dies (killed by the system when
memory runs out, say) is reported by language and cause.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Callable, cast

from multilingual.context import BUILD_LANGUAGE_KEY
from reuse import PAGES_MADE_KEY, PAGES_PUT_BACK_KEY, PREVIOUS_OUTPUT_KEY, SPARE_OUTPUT_KEY

from . import output
from .collector import freeze_before_fork


@dataclass(frozen=True)
class BuildRequest:
    """What a worker needs to build one language: the root build's config file and outputs."""

    config_file: str
    code: str
    root_site_dir: str  # the language goes to <root_site_dir>/<code>
    root_site_url: str
    publish_dir: str | None = None  # set: then move <root_site_dir>/<code> to <publish_dir>/<code>
    previous_output: str | None = None  # the language's pages of an earlier build, to put back (`reuse.visits`)
    previous_output_is_spare: bool = False  # nothing reads them while the language builds (`plan.Plan`)


@dataclass
class BuildResult:
    """What a language build reports back: its warnings, or the error that stopped it."""

    code: str
    warnings: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    made: list[str] | None = None  # the pages rendered anew (the others were reused); None: not told
    put_back: int = 0  # the pages put back from the previous output, not visited (`reuse.visits`)
    swapped_out: str | None = None  # the pages served before, removed once the main build is told


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def build_logger() -> logging.Logger:
    """The logger every message of a build reaches: "mkdocs", or "properdocs" when MkDocs'
    maintained fork runs these hooks (its "mkdocs" logger is a child of that one)."""
    from mkdocs.commands.build import build

    return logging.getLogger(build.__module__.split(".")[0])


def build_language(request: BuildRequest) -> BuildResult:
    """Run one language's build (in a worker process) and report what happened."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    started = time.monotonic()
    logger = build_logger()
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    collect = _Collect()
    logger.addHandler(collect)
    result = BuildResult(request.code)
    try:
        config = load_config(request.config_file, site_dir=request.root_site_dir, site_url=request.root_site_url)
        config.extra[BUILD_LANGUAGE_KEY] = request.code
        config.extra[PREVIOUS_OUTPUT_KEY] = request.previous_output
        config.extra[SPARE_OUTPUT_KEY] = request.previous_output_is_spare
        config.strict = False  # the main build counts our warnings under --strict
        build(config)
        result.made = config.extra.get(PAGES_MADE_KEY)
        result.put_back = config.extra.get(PAGES_PUT_BACK_KEY) or 0
        if request.publish_dir:
            result.swapped_out = output.swap_in(config.site_dir, os.path.join(request.publish_dir, request.code),
                                                remove_old=False)
    except MkDocsException as error:
        # MkDocs logs the cause as an error and raises a generic "Aborted": report the cause.
        causes = [message for level, message in collect.records if level >= logging.ERROR]
        result.error = "\n".join(causes) or str(error)
    except OSError as error:  # a full disk, say: the cause, not a traceback
        result.error = output.write_failure(error, request.root_site_dir)
    except Exception:  # a bug, not bad input: keep the traceback for whoever fixes it
        result.error = traceback.format_exc()
    result.warnings = [(level, message) for level, message in collect.records if level < logging.ERROR]
    result.seconds = time.monotonic() - started
    return result


def _worker(requests: list[BuildRequest], connection: Connection, parent: int) -> None:
    """A worker process: build each language in turn, telling the main build as each starts and ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main build's to handle
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    for request in requests:
        connection.send(("start", request.code))
        result = build_language(request)
        connection.send(("done", result))
        if result.swapped_out:  # after telling: the main build serves the new pages meanwhile
            shutil.rmtree(result.swapped_out, ignore_errors=True)
    connection.close()


def _exit_with_parent(parent: int) -> None:
    """End the worker when the process that started it is gone (say `mkdocs serve` stopped with
    SIGTERM while languages build in the background), instead of lingering."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def death_cause(exitcode: int | None, oom_kills_before: int | None) -> str:
    """Why a worker process ended before reporting, in words a maintainer can act on."""
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if oom_kills_before is not None and (oom_kill_count() or 0) > oom_kills_before:
            return f"its worker process was killed ({name}): the system ran out of memory"
        if -exitcode == signal.SIGKILL:
            return (f"its worker process was killed ({name}), which is what the system does when memory "
                    "runs out; free memory or set MKDOCS_LANGUAGE_WORKERS=1 to build one language at a time")
        return f"its worker process was stopped by the signal {name}"
    return f"its worker process ended unexpectedly (exit code {exitcode})"


def oom_kill_count() -> int | None:
    """How many processes the kernel's out-of-memory killer has ended in this cgroup (cgroup v2)."""
    try:
        with open("/sys/fs/cgroup/memory.events", encoding="ascii") as file:
            for line in file:
                key, _, value = line.partition(" ")
                if key == "oom_kill":
                    return int(value)
    except (OSError, ValueError):
        pass
    return None


def worker_count(languages: int) -> int:
    configured = os.environ.get("MKDOCS_LANGUAGE_WORKERS", "")
    workers = int(configured) if configured.isdigit() and int(configured) > 0 else os.cpu_count() or 1
    return max(1, min(languages, workers))


class LanguageBuilds:
    """The language builds of one main build: started at once, awaited at the end (`results`), or
    some of them awaited and the others left to finish in the background (`mkdocs serve`)."""

    def __init__(self, requests: list[BuildRequest], workers: int | None = None) -> None:
        workers = workers or worker_count(len(requests))
        context = multiprocessing.get_context("fork")
        self._order = [request.code for request in requests]
        self._results: dict[str, BuildResult] = {}
        self._done = threading.Condition()
        self._oom_kills = oom_kill_count()
        self._workers: list[tuple[BaseProcess, Connection, list[str]]] = []
        freeze_before_fork()
        for share in (requests[index::workers] for index in range(workers)):  # awaited ones come first
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(share, sending, os.getpid()), daemon=True)
            process.start()
            sending.close()
            self._workers.append((process, receiving, [request.code for request in share]))
        self._collector = threading.Thread(target=self._collect, daemon=True)
        self._collector.start()
        self._background: threading.Thread | None = None

    def _collect(self) -> None:
        """Receive results until every worker is done; a worker that dies fails its languages."""
        running: dict[Connection, str | None] = {connection: None for _, connection, _ in self._workers}
        processes = {connection: (process, codes) for process, connection, codes in self._workers}
        while running:
            for ready in wait(list(running)):
                connection = cast(Connection, ready)  # `wait` is given connections, so returns them
                try:
                    kind, value = connection.recv()
                except (EOFError, OSError):
                    process, codes = processes[connection]
                    process.join()
                    self._fail_unfinished(codes, running.pop(connection), process.exitcode)
                    continue
                if kind == "start":
                    running[connection] = value
                else:
                    self._finish(value)

    def _finish(self, result: BuildResult) -> None:
        with self._done:
            self._results[result.code] = result
            self._done.notify_all()

    def _fail_unfinished(self, codes: list[str], current: str | None, exitcode: int | None) -> None:
        """A worker's connection closed: fail each of its languages that has no result."""
        cause = death_cause(exitcode, self._oom_kills)
        for code in codes:
            if code not in self._results:
                error = cause if code == current else f"not built: the worker that was to build it stopped ({cause})"
                self._finish(BuildResult(code, error=error))

    def results(self, codes: list[str] | None = None) -> list[BuildResult]:
        """Wait for the builds of `codes` (default: all, and then for the workers to end)."""
        wanted = self._order if codes is None else codes
        with self._done:
            self._done.wait_for(lambda: all(code in self._results for code in wanted))
        if codes is None:
            self._collector.join()
            for process, _, _ in self._workers:
                process.join()
        return [self._results[code] for code in wanted]

    def finish_in_background(self, report: Callable[[list[BuildResult]], None]) -> None:
        """Let the builds finish while the caller goes on; then `report` their results (in a thread)."""
        self._background = threading.Thread(target=lambda: report(self.results()), daemon=True)
        self._background.start()

    def wait(self) -> None:
        """Wait for `finish_in_background` to be done."""
        if self._background is not None:
            self._background.join()

    def cancel(self) -> None:
        """Stop every worker now (the build failed or was interrupted)."""
        for process, _, _ in self._workers:
            if process.is_alive():
                process.terminate()
        for process, _, _ in self._workers:
            process.join(timeout=5)
