"""Running Pagefind over a built site: one process per language, two at a time.

One run per language rather than one over the whole site: at 1,000 articles x 12 languages a single
run holds about 1.5 GB, a run per language about 130 MB, for the same total time; and `mkdocs serve`
can re-index only the languages that changed. Each bundle is written aside and swapped in when
complete, so a reader searching meanwhile uses the previous one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata

from builds.output import swap_in

from reuse import cache_write_failure

from . import stored

log = logging.getLogger("mkdocs.plugins.search")

from .bundles import BUNDLE_DIR, bundle_path, has_marked_page, language_glob, pagefind_command

TIMEOUT_SECONDS = 900
UI_PREFIXES = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


class SearchIndexError(Exception):
    """Pagefind could not index a language; the message names the language and says why."""


class IndexingCancelled(Exception):
    """`mkdocs serve` started a rebuild while a language was being indexed (see `search.indexing`)."""


@dataclass(frozen=True)
class IndexResult:
    """What indexing one language gave: its pages in the index and the languages Pagefind saw."""

    code: str
    pages: int = 0  # 0: no page of the language is marked for the index; no bundle written
    languages: list[str] = field(default_factory=list)  # <html lang> values, lowercased


def find_pagefind() -> str:
    """The path of Pagefind's extended binary (it segments Chinese and Japanese)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(
            "Pagefind is not installed (the search index needs it): run "
            "`.venv/bin/pip install -r requirements.txt`, which installs pagefind[extended]."
        ) from None
    return str(get_executable())


def read_entry(bundle: str) -> dict:
    """The languages of a written bundle, from its `pagefind-entry.json`: {language: {page_count, wasm...}}."""
    with open(os.path.join(bundle, "pagefind-entry.json"), encoding="utf-8") as file:
        return json.load(file)["languages"]


def unused_files(names: list[str], languages: dict) -> list[str]:
    """The files of a bundle that search.js never loads: Pagefind's own UIs (about 0.4 MB) and the
    WebAssembly of languages it has no pages in."""
    wasm = {f"wasm.{entry.get('wasm') or 'unknown'}.pagefind" for entry in languages.values()}
    return [name for name in names if name.startswith(UI_PREFIXES) or (name.startswith("wasm.") and name not in wasm)]


def segments_words(code: str) -> bool:
    """Whether Pagefind segments the language's words (zh, ja, th): it loads a dictionary first."""
    return code.split("-")[0] in ("zh", "ja", "th")


def check_bundle_dir(site_dir: str, codes: list[str], default: str) -> None:
    """Refuse a site whose own pages are where the bundles go (a page `pagefind.md`, say)."""
    folder = os.path.join(site_dir, BUNDLE_DIR)
    strays = sorted(name for name in os.listdir(folder) if name not in codes and not name.startswith(".")) \
        if os.path.isdir(folder) else []
    if strays:
        raise SearchIndexError(
            f"{folder} holds pages of the site ({', '.join(strays)}), but the search index goes there: "
            f"rename docs/{default}/{BUNDLE_DIR}.md or docs/{default}/{BUNDLE_DIR}/ (and its translations)."
        )


# Exit codes of a Pagefind stopped by the user (Ctrl-C sends SIGINT to the terminal's whole process
# group; a service manager sends SIGTERM): the indexing was stopped, nothing failed.
INTERRUPTED = (-signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT, 128 + signal.SIGTERM)


def run_pagefind(command: list[str], cancel: threading.Event | None) -> subprocess.CompletedProcess:
    """Run Pagefind; stop it at once if `cancel` is set (`IndexingCancelled`)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        started = time.monotonic()
        while process.poll() is None:
            if (cancel is not None and cancel.is_set()) or time.monotonic() - started > TIMEOUT_SECONDS:
                process.kill()
                process.wait()
                if cancel is not None and cancel.is_set():
                    raise IndexingCancelled()
                raise subprocess.TimeoutExpired(command, TIMEOUT_SECONDS)
            time.sleep(0.02)
        output.seek(0)
        return subprocess.CompletedProcess(command, process.returncode, output.read(), "")


def index_language(executable: str, site_dir: str, code: str, is_default: bool, other_codes: list[str],
                   cancel: threading.Event | None = None, cache_dir: str | None = None) -> IndexResult:
    """Index one language's pages into `<site>/pagefind/<code>/`, or take the bundle kept in
    `cache_dir` for the same pages (`stored`)."""
    try:
        return _index_language(executable, site_dir, code, is_default, other_codes, cancel, cache_dir)
    except OSError as error:
        raise SearchIndexError(f"Search index of '{code}': {error}") from None


def _index_language(executable: str, site_dir: str, code: str, is_default: bool, other_codes: list[str],
                    cancel: threading.Event | None, cache_dir: str | None) -> IndexResult:
    folder = site_dir if is_default else os.path.join(site_dir, code)
    if not os.path.isdir(folder):
        return IndexResult(code)
    root_folders = [entry.name for entry in os.scandir(site_dir) if entry.is_dir()] if is_default else []
    glob = language_glob(code, is_default, root_folders, other_codes)
    target = bundle_path(site_dir, code)
    built = os.path.join(site_dir, BUNDLE_DIR, f".{code}.new")
    shutil.rmtree(built, ignore_errors=True)
    os.makedirs(os.path.dirname(built), exist_ok=True)
    key = stored.BundleKey(folder, is_default, other_codes, pagefind_command("pagefind", ".", glob, "."),
                           pagefind_version()) if cache_dir else None
    kept = stored.restore(cache_dir, code, key, built) if cache_dir and key else None
    if kept is not None:
        if kept["pages"]:
            swap_in(built, target)
        return IndexResult(code, kept["pages"], kept["languages"])
    if not has_marked_page(folder, is_default, other_codes):
        if cache_dir and key:
            keep_bundle(cache_dir, code, key, None, {"pages": 0, "languages": []})
        return IndexResult(code)
    try:
        run = run_pagefind(pagefind_command(executable, site_dir, glob, built), cancel)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"Search index of '{code}': Pagefind could not run ({error}).") from None
    if run.returncode in INTERRUPTED:  # Ctrl-C in the terminal reaches Pagefind too: the user's stop, not a fault
        shutil.rmtree(built, ignore_errors=True)
        raise IndexingCancelled()
    if run.returncode != 0 or not os.path.isfile(os.path.join(built, "pagefind.js")):
        output = "\n".join((run.stdout + run.stderr).strip().splitlines()[-12:])
        raise SearchIndexError(f"Search index of '{code}': Pagefind exited with code {run.returncode}:\n{output}")
    languages = read_entry(built)
    for name in unused_files(os.listdir(built), languages):
        os.remove(os.path.join(built, name))
    result = IndexResult(code, sum(entry["page_count"] for entry in languages.values()), sorted(languages))
    if cache_dir and key:
        keep_bundle(cache_dir, code, key, built, {"pages": result.pages, "languages": result.languages})
    swap_in(built, target)
    return result


def keep_bundle(cache_dir: str, code: str, key: stored.BundleKey, bundle: str | None, result: dict) -> None:
    try:
        stored.keep(cache_dir, code, key, bundle, result)
    except OSError as error:  # the bundle is made; only the next build will make it again
        shutil.rmtree(os.path.join(cache_dir, code), ignore_errors=True)
        log.warning(cache_write_failure(cache_dir, error))


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind_bin_extended")
    except metadata.PackageNotFoundError:
        return ""


def index_languages(site_dir: str, codes: list[str], default: str, all_codes: list[str], jobs: int = 2,
                    cancel: threading.Event | None = None, cache_dir: str | None = None) -> list[IndexResult]:
    """Index the languages `codes` of the site built in `site_dir` (`all_codes`: every language, the
    default first), `jobs` at a time. Raises `SearchIndexError` naming every language that failed,
    `IndexingCancelled` if `cancel` is set meanwhile."""
    executable = find_pagefind()
    others = [code for code in all_codes if code != default]
    check_bundle_dir(site_dir, all_codes, default)

    def index(code: str) -> IndexResult | SearchIndexError:
        if cancel is not None and cancel.is_set():
            raise IndexingCancelled()
        try:
            return index_language(executable, site_dir, code, code == default, others, cancel, cache_dir)
        except SearchIndexError as error:
            return error

    # The slowest first, so that two of them do not end the run alone.
    order = sorted(codes, key=lambda code: not segments_words(code))
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(codes)))) as pool:
        done = dict(zip(order, pool.map(index, order)))
    outcomes = [done[code] for code in codes]
    if cancel is not None and cancel.is_set():
        raise IndexingCancelled()
    failures = [str(outcome) for outcome in outcomes if isinstance(outcome, SearchIndexError)]
    if failures:
        raise SearchIndexError("\n".join(failures))
    return [outcome for outcome in outcomes if isinstance(outcome, IndexResult)]
