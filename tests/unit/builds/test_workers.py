"""Language workers (hooks/builds/workers.py): a worker that dies is reported by language and cause."""

import os
import signal

import pytest

from builds import workers
from builds.workers import BuildRequest, LanguageBuilds


def test_death_causes_say_what_happened():
    assert "killed (SIGKILL)" in workers.death_cause(-signal.SIGKILL, None)
    assert "memory" in workers.death_cause(-signal.SIGKILL, None)
    assert "SIGTERM" in workers.death_cause(-signal.SIGTERM, None)
    assert "exit code 3" in workers.death_cause(3, None)


def test_a_killed_worker_fails_its_language_and_the_languages_it_had_not_reached(monkeypatch):
    def build(request):
        if request.code == "fr":
            os.kill(os.getpid(), signal.SIGKILL)
        return workers.BuildResult(request.code)

    monkeypatch.setattr(workers, "build_language", build)
    requests = [BuildRequest("mkdocs.yml", code, "/nowhere", "https://x/") for code in ("fr", "de", "ar")]
    results = {r.code: r for r in LanguageBuilds(requests, workers=2).results()}
    # worker 1 builds fr then ar; worker 2 builds de
    assert "killed (SIGKILL)" in results["fr"].error
    assert results["ar"].error.startswith("not built: the worker that was to build it stopped")
    assert results["de"].error is None


def test_worker_count_follows_the_setting_and_never_exceeds_the_languages(monkeypatch):
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 4)
    monkeypatch.setenv("MKDOCS_LANGUAGE_WORKERS", "1")
    assert workers.worker_count(11) == 1
    monkeypatch.setenv("MKDOCS_LANGUAGE_WORKERS", "6")
    assert workers.worker_count(11) == 6 and workers.worker_count(3) == 3


@pytest.mark.parametrize("setting", [None, "", "bogus", "0", "-2", "1.5"])
def test_without_a_usable_setting_there_is_a_worker_per_cpu(monkeypatch, setting):
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 4)
    if setting is None:
        monkeypatch.delenv("MKDOCS_LANGUAGE_WORKERS", raising=False)
    else:
        monkeypatch.setenv("MKDOCS_LANGUAGE_WORKERS", setting)
    assert workers.worker_count(11) == 4
    assert workers.worker_count(2) == 2 and workers.worker_count(1) == 1
    monkeypatch.setattr(workers.os, "cpu_count", lambda: None)  # unknown: one worker
    assert workers.worker_count(11) == 1
