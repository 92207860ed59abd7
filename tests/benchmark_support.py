"""The build benchmark's smoke run (tests/site/test_benchmark_smoke.py), loaded by tests/conftest.py
as a pytest plugin.

The benchmark spends most of its minute waiting: on its builds' language workers, on `mkdocs serve`
noticing an edit, on Chromium's network going quiet. So when its smoke test is among the tests to
run, `benchmarks/run.py` starts in the background as soon as the tests are collected and runs beside
the others; the smoke test then waits for it and reads what it printed. (Its figures are taken on a
busier machine than a maintainer's run: the test checks they are there and agree with each other,
never how fast anything was.) Its work folder, in the session's temp folder, is removed once the
smoke test has passed, and kept (as pytest keeps a failed test's) if it has not.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMOKE_TEST = "test_benchmark_runs_and_prints_every_figure"
ARGUMENTS = ["--articles", "2", "--rounds", "1", "--dirty-wait", "15"]  # --dirty-wait: the most a --dirty serve can add
TIMEOUT = 900  # seconds, from its start: the reference's venv, made on first use, included


def background() -> None:
    """In the benchmark's process, before it starts: SIGINT's default action (see `stop`), and a lower
    priority, so the tests' own builds (in the foreground, on two cores) come first and it uses
    what they leave idle (the benchmark measures nothing its test asserts on)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.nice(10)


class BenchmarkRun:
    """`benchmarks/run.py` in a process group of its own; its printout, figures and work in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.figures = self.folder / "figures.json"
        self.args = [sys.executable, str(ROOT / "benchmarks" / "run.py"), *ARGUMENTS,
                     "--work", str(self.folder / "work"), "--json", str(self.figures)]
        with open(self.folder / "stdout.txt", "w") as stdout, open(self.folder / "stderr.txt", "w") as stderr:
            # SIGINT's default action even if these tests were started with it ignored (a shell's
            # background job): `stop` relies on it.
            self.process = subprocess.Popen(self.args, cwd=ROOT, stdout=stdout, stderr=stderr, start_new_session=True,
                                            preexec_fn=background)

    def result(self) -> subprocess.CompletedProcess:
        """Wait for the benchmark to end; its exit code and printout."""
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.stop()
            raise AssertionError(f"the benchmark ran over {TIMEOUT} s; its work: {self.folder}") from None
        read = lambda name: (self.folder / name).read_text(encoding="utf-8", errors="replace")  # noqa: E731
        return subprocess.CompletedProcess(self.args, self.process.returncode, read("stdout.txt"), read("stderr.txt"))

    def stop(self) -> None:
        """Stop a benchmark still running as Ctrl-C would (it stops the `mkdocs serve` it started),
        then whatever is left of its process group."""
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


def start(config: pytest.Config) -> BenchmarkRun:
    # The session's temp folder, as tmp_path_factory's (a hook has no fixtures): pytest keeps the
    # last few sessions' folders at most, so a kept work folder does not pile up.
    config.stash[RUN] = BenchmarkRun(config._tmp_path_factory.mktemp("benchmark-smoke"))
    return config.stash[RUN]


def pytest_collection_finish(session: pytest.Session) -> None:
    if not session.config.option.collectonly and any(item.name == SMOKE_TEST for item in session.items):
        start(session.config)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if item.name == SMOKE_TEST and report.when == "call" and report.passed:
        item.config.stash[PASSED] = True
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    run = session.config.stash.get(RUN, None)
    if run is not None:
        run.stop()
        if session.config.stash.get(PASSED, False):
            shutil.rmtree(run.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def benchmark_run(request) -> BenchmarkRun:
    """The benchmark started as the session's tests were collected (or now, if it was not)."""
    return request.config.stash.get(RUN, None) or start(request.config)
