"""The build benchmark's smoke run (tests/site/test_benchmark_smoke.py), loaded by tests/conftest.py
as a pytest plugin.

The benchmark spends much of its minute waiting: on its builds' language workers, on `mkdocs serve`
noticing an edit, on Chromium's network going quiet. So when its smoke test is among the tests to
run, `benchmarks/run.py` starts in the background as soon as the tests are collected and runs beside
the others, at their priority (it is the longest single thing the suite does: starved, it would be
the last to end); the smoke test then waits for it and reads what it printed. (Its figures are taken on a
busier machine than a maintainer's run: the test checks they are there and agree with each other,
never how fast anything was.) Its work folder, in the session's temp folder, is removed once the
smoke test has passed, and kept (as pytest keeps a failed test's) if it has not.

The run belongs to the process that sees the whole session: pytest itself, or, when the tests run
in pytest-xdist's workers (pytest.ini), its controller, which starts the run once, when a worker
reports the smoke test collected, tells every worker where the run's folder is, and stops the run at
the end. The smoke test, in whichever process, waits for the exit code the run leaves in its folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMOKE_TEST = "test_benchmark_runs_and_prints_every_figure"
ARGUMENTS = ["--articles", "2", "--rounds", "1", "--dirty-wait", "15"]  # --dirty-wait: the most a --dirty serve can add
TIMEOUT = 900  # seconds, from its start
FOLDER_INPUT = "benchmark_smoke_folder"  # the run's folder, in each xdist worker's `workerinput`


def background() -> None:
    """In the benchmark's process, before it starts: SIGINT's default action (see `stop`)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class BenchmarkRun:
    """`benchmarks/run.py` in a process group of its own; its printout, figures, exit code and work
    in `folder`. Only the process that started it holds `process`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.figures = self.folder / "figures.json"
        self.exit_code = self.folder / "exit-code"
        self.args = [sys.executable, str(ROOT / "benchmarks" / "run.py"), *ARGUMENTS,
                     "--work", str(self.folder / "work"), "--json", str(self.figures)]
        self.process: subprocess.Popen | None = None

    def start(self) -> BenchmarkRun:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "stdout.txt", "w") as stdout, open(self.folder / "stderr.txt", "w") as stderr:
            # SIGINT's default action even if these tests were started with it ignored (a shell's
            # background job): `stop` relies on it.
            self.process = subprocess.Popen(self.args, cwd=ROOT, stdout=stdout, stderr=stderr, start_new_session=True,
                                            preexec_fn=background)
        threading.Thread(target=self._record_exit, args=(self.process,), daemon=True).start()
        return self

    def _record_exit(self, process: subprocess.Popen) -> None:
        code = process.wait()
        (self.folder / "exit-code.writing").write_text(str(code))
        os.replace(self.folder / "exit-code.writing", self.exit_code)

    def result(self) -> subprocess.CompletedProcess:
        """Wait for the benchmark to end; its exit code and printout."""
        deadline = time.monotonic() + TIMEOUT
        while not self.exit_code.exists():
            if time.monotonic() > deadline:
                self.stop()
                raise AssertionError(f"the benchmark ran over {TIMEOUT} s; its work: {self.folder}")
            time.sleep(0.2)
        read = lambda name: (self.folder / name).read_text(encoding="utf-8", errors="replace")  # noqa: E731
        return subprocess.CompletedProcess(self.args, int(read("exit-code")), read("stdout.txt"), read("stderr.txt"))

    def stop(self) -> None:
        """Stop a benchmark still running as Ctrl-C would (it stops the `mkdocs serve` it started),
        then whatever is left of its process group."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


RUN = pytest.StashKey[BenchmarkRun]()
PASSED = pytest.StashKey[bool]()


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def owned_run(config: pytest.Config) -> BenchmarkRun:
    """The run of this session, in its temp folder (pytest keeps the last few sessions' folders at
    most, so a kept work folder does not pile up); made, not started, on first use."""
    if RUN not in config.stash:
        config.stash[RUN] = BenchmarkRun(config._tmp_path_factory.getbasetemp() / "benchmark-smoke")
    return config.stash[RUN]


def start_once(config: pytest.Config) -> None:
    run = owned_run(config)
    if run.process is None:
        run.start()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Alone (no xdist): start the run as soon as the tests to run are known."""
    if not is_worker(session.config) and not session.config.option.collectonly \
            and any(item.name == SMOKE_TEST for item in session.items):
        start_once(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist's controller: every worker learns where the run's folder is."""
    node.workerinput[FOLDER_INPUT] = str(owned_run(node.config).folder)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """xdist's controller: start the run when a worker has the smoke test among its tests."""
    if not node.config.option.collectonly and any(test.endswith("::" + SMOKE_TEST) for test in ids):
        start_once(node.config)


class SmokeTestPassed:
    """Notes in the session's stash that the smoke test passed, from its report: in the process
    that ran it or, under xdist, in the controller, which gets every worker's reports."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed and report.nodeid.endswith("::" + SMOKE_TEST):
            self.config.stash[PASSED] = True


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(SmokeTestPassed(config), "benchmark-smoke-passed")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    run = session.config.stash.get(RUN, None)
    if run is not None and run.process is not None:
        run.stop()
        if session.config.stash.get(PASSED, False):
            shutil.rmtree(run.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def benchmark_run(request) -> BenchmarkRun:
    """The run started as the session's tests were collected (or now, if it was not)."""
    config = request.config
    if is_worker(config):
        return BenchmarkRun(Path(config.workerinput[FOLDER_INPUT]))
    start_once(config)
    return owned_run(config)
