"""`mkdocs serve` rebuilds (`ServePlan`): which languages an edit changed, and keeping every
language's pages served.

Each rebuild takes one snapshot of the watched tree (`snapshot`) and compares it with the last
complete rebuild's (`changed_languages`): the languages whose own folder under `docs/` changed, or
every language if anything else did. That one answer, kept on the rebuild's `ServePlan`, says which
languages the rebuild waits for (the page being edited is served as soon as it is rebuilt; the other
languages are rebuilt in the background, each into a staging folder, then swapped in) and which
languages the search re-indexes. MkDocs empties the site folder at each rebuild, except hidden
entries, so the languages' pages and the search bundles are held under a hidden name meanwhile, and
the default language's files under `.held-root`, the rebuild's previous output: its pages that
nothing changed for are put back from there (`reuse.visits`), and the rest is removed at its end.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from typing import Callable, Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from multilingual import versions
from multilingual.versions import Version, version_of
from multilingual.context import BuildContext

from .collector import collect_when_quiet
from .kept import build_language_keys, folder_digests
from .plan import Plan, log, report_builds
from .workers import BuildRequest, BuildResult, LanguageBuilds

STAGING = ".staging"  # <site_dir>/.staging/<code>: a background language build's output
HELD = ".held-"  # <site_dir>/.held-<code>: a language's pages while MkDocs empties the site folder
HELD_ROOT = ".held-root"  # <site_dir>/.held-root: the default language's files of the last rebuild, put back from there


def watched_paths(config, context) -> list[str]:
    """What a rebuild may depend on: the docs of every language, the data files, mkdocs.yml and the
    theme overrides."""
    paths = [context.docs_root, context.project_path("data"), config.config_file_path, config.theme.custom_dir]
    return [path for path in dict.fromkeys(paths) if path and os.path.exists(path)]


Snapshot = dict[str, Version]  # path -> version (modification time in ns, size) of each watched file


def snapshot(paths: Iterable[str]) -> Snapshot:
    """The version of every file under `paths` (folders or files): one walk of the watched tree (as
    `os.walk` walks it: links to folders are not followed)."""
    found: Snapshot = {}
    for path in paths:
        if os.path.isfile(path):
            found[path] = version_of(os.stat(path))
        elif os.path.isdir(path):
            scan_folder(path, found)
    return found


def scan_folder(folder: str, found: Snapshot) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():
                    scan_folder(entry.path, found)
                continue
            try:
                found[entry.path] = version_of(entry.stat())
            except OSError:  # removed meanwhile, or a broken link
                pass


def changed_languages(before: Snapshot | None, after: Snapshot, docs_root: str, codes: list[str]) -> tuple[str, ...]:
    """The languages (of `codes`, in their order) whose folder `docs_root/<code>` changed between two
    snapshots; all of them if there is no earlier snapshot or if anything outside the language
    folders changed (data files, mkdocs.yml, templates), since that may change every language."""
    if before is None:
        return tuple(codes)
    changed_files = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    changed = set()
    for path in changed_files:
        relative = os.path.relpath(path, docs_root).split(os.sep)
        if relative[0] not in codes:
            return tuple(codes)
        changed.add(relative[0])
    return tuple(code for code in codes if code in changed)


def hold(site_dir: str, codes: Iterable[str]) -> None:
    """Rename the languages' output folders to hidden names, which MkDocs' cleaning keeps."""
    for code in codes:
        if os.path.isdir(os.path.join(site_dir, code)):
            shutil.rmtree(os.path.join(site_dir, HELD + code), ignore_errors=True)
            os.rename(os.path.join(site_dir, code), os.path.join(site_dir, HELD + code))


def hold_root(site_dir: str, codes: Iterable[str]) -> str:
    """Move the default language's files of the last rebuild (every entry of the site folder but the
    languages' folders and hidden ones) into `HELD_ROOT`, which MkDocs' cleaning keeps, so that the
    pages nothing changed for are put back from there (`reuse.visits`); its path."""
    held = os.path.join(site_dir, HELD_ROOT)
    shutil.rmtree(held, ignore_errors=True)
    os.makedirs(held)
    languages = set(codes)
    for entry in os.listdir(site_dir):
        if not entry.startswith(".") and entry not in languages:
            os.rename(os.path.join(site_dir, entry), os.path.join(held, entry))
    return held


def restore(site_dir: str, codes: Iterable[str]) -> None:
    """Undo `hold`, once MkDocs has emptied the site folder."""
    for code in codes:
        held = os.path.join(site_dir, HELD + code)
        if os.path.isdir(held) and not os.path.exists(os.path.join(site_dir, code)):
            os.rename(held, os.path.join(site_dir, code))


def language_requests(config, codes: list[str], waited: bool = False) -> list[BuildRequest]:
    """Builds of the languages `codes` of the main build of `config`, each into a staging folder,
    then swapped in for its pages being served (from which its pages unchanged are put back: moved
    out if the rebuild waits for them, since MkDocs serves nothing until it ends)."""
    staging = os.path.join(config.site_dir, STAGING)
    return [BuildRequest(config.config_file_path, code, staging, config.site_url, publish_dir=config.site_dir,
                         previous_output=os.path.join(config.site_dir, code), previous_output_is_spare=waited)
            for code in codes]


class ServeMemory:
    """What `mkdocs serve` remembers from one rebuild to the next; `when_quiet(still_quiet)` tidies
    the process's memory once a rebuild is over (`collector`)."""

    def __init__(self, when_quiet: Callable[[Callable[[], bool]], object] = collect_when_quiet) -> None:
        self.when_quiet = when_quiet
        self.watched: Snapshot | None = None  # the watched tree at the last complete rebuild
        self.background: LanguageBuilds | None = None  # the last rebuild's languages still building
        self.language_keys: dict[str, str] = {}  # code -> what its pages being served were made from (`kept`)
        # The hash of each language's sources, and the snapshot of the rebuild that worked them out.
        self.folders: tuple[Snapshot | None, dict[str, str]] = (None, {})
        self.rebuilds = 0  # begun so far


class ServePlan(Plan):
    """One `mkdocs serve` rebuild: built in place (MkDocs serves the site folder); it waits for the
    default language and the other languages among `changed`; the others are built aside in the
    background and swapped in, their previous pages served meanwhile.

    `changed` compares `watched`, this rebuild's one snapshot of the watched tree, with the last
    complete rebuild's; it becomes the one the next rebuild compares with only if this one completes,
    so the changes of a failed rebuild are waited for and indexed at the next."""

    def __init__(self, memory: ServeMemory, codes: list[str], docs_root: str, watched: Snapshot) -> None:
        super().__init__(serving=True)
        self.memory = memory
        self.watched = watched
        self.last_complete = memory.watched
        self.changed = changed_languages(memory.watched, watched, docs_root, codes)
        self.languages = codes[1:]  # built by the workers
        self.waiting = [code for code in self.languages if code in self.changed]
        self.waited: LanguageBuilds | None = None  # the builds of `waiting`, started first
        self.keys: dict[str, str] = {}
        self.keys_known: threading.Thread | None = None  # working `keys` out, when the build need not wait for them
        self.default = codes[0]
        self.previous_output_is_spare = True  # the held root (`before_clean`)
        self.config: MkDocsConfig | None = None  # the main build's, once its sources are read
        self.context: BuildContext | None = None
        memory.rebuilds += 1

    def before_clean(self, config) -> None:
        if self.memory.background is not None:
            self.memory.background.wait()
            self.memory.background = None
        versions.lend(self.watched)  # the rebuild's memos ask the snapshot, not the file system again
        hold(config.site_dir, self.languages)
        self.previous_output = hold_root(config.site_dir, self.languages)

    def after_clean(self, config) -> None:
        """Start the languages whose sources changed (the ones this rebuild waits for) now, before
        the default language's sources are read: their builds read their own, and the edited page is
        served as soon as both are done."""
        restore(config.site_dir, self.languages)
        requests = language_requests(config, self.waiting, waited=True)
        self.waited = LanguageBuilds(requests) if requests else None

    def start_languages(self, config, context: BuildContext) -> None:
        """Nothing more yet: the languages whose sources changed are building, and the others wait
        until the default language's pages are made (`finish_languages`), so as not to slow them."""
        self.config, self.context = config, context

    def finish_languages(self) -> None:
        """Start, in the background, the other languages whose inputs changed since their pages
        being served were made; then wait for the ones whose sources changed."""
        if self.config is not None and self.context is not None:  # the languages' sources were read
            self.start_background(self.config, self.context)
        if self.waited is not None:
            results = self.waited.results()
            self.waited = None
            error = report_builds(results)
            if error:
                raise PluginError(error)
            self.remember_built(results)
        builds = self.memory.background
        if builds is not None:
            def report_the_rest(results: list[BuildResult]) -> None:
                error = report_builds(results)
                self.remember_built(results)
                if error:  # nothing to stop any more: tell, and keep serving the language's last pages
                    log.error(error)

            builds.finish_in_background(report_the_rest)
        self.memory.watched = self.watched
        self.end()

    def end(self) -> None:
        """The rebuild is over: the versions lent back, the held root dropped, the memory tidied
        if no rebuild begins in the next moment."""
        versions.lend(None)
        self.drop_held_root()
        rebuild = self.memory.rebuilds
        self.memory.when_quiet(lambda: self.memory.rebuilds == rebuild)

    def start_background(self, config, context: BuildContext) -> None:
        """Build the other languages whose key changed since their pages being served were made."""
        if self.default in self.changed:
            # Every language reads the default language's pages, so every key changed: build them all
            # now, then work the keys out beside them (a tenth of a second the edited page need not
            # wait for; after the fork, so that no worker starts from a half-done thread).
            others = [code for code in self.languages if code not in self.waiting]
            self.memory.background = LanguageBuilds(language_requests(config, others)) if others else None
            self.keys_known = threading.Thread(target=self.work_out_keys, args=(config, context), daemon=True)
            self.keys_known.start()
            return
        self.work_out_keys(config, context)
        served = {code for code in self.languages if self.memory.language_keys.get(code) == self.keys[code]
                  and os.path.isdir(os.path.join(context.root_site_dir, code))}
        requests = language_requests(config, [code for code in self.languages
                                              if code not in self.waiting and code not in served])
        self.memory.background = LanguageBuilds(requests) if requests else None

    def work_out_keys(self, config, context: BuildContext) -> None:
        folders = folder_digests(context.tree, [self.default, *self.languages], self.unchanged_folders())
        self.keys = build_language_keys(config, context, self.languages, folders)
        self.memory.folders = (self.watched, folders)

    def unchanged_folders(self) -> dict[str, str]:
        """The hashes of the language folders the snapshots show unchanged since the last complete
        rebuild, as that rebuild worked them out (none if another did)."""
        worked_out_at, folders = self.memory.folders
        if worked_out_at is not self.last_complete:
            return {}
        return {code: value for code, value in folders.items() if code not in self.changed}

    def drop_held_root(self) -> None:
        """The default language's files of the last rebuild: what was not put back is stale. Removed
        in the background (a thousand folders take a tenth of a second), under another hidden name."""
        if self.previous_output and os.path.isdir(self.previous_output):
            dropped = f"{self.previous_output}-{time.monotonic_ns()}"
            os.rename(self.previous_output, dropped)
            threading.Thread(target=shutil.rmtree, args=(dropped,), kwargs={"ignore_errors": True}, daemon=True).start()

    def remember_built(self, results: list[BuildResult]) -> None:
        """What the languages now served were made from; a failed one is built again next time."""
        if self.keys_known is not None:
            self.keys_known.join()
        for result in results:
            if result.error:
                self.memory.language_keys.pop(result.code, None)
            else:
                self.memory.language_keys[result.code] = self.keys[result.code]

    def fail(self) -> None:
        for builds in (self.waited, self.memory.background):
            if builds is not None:
                builds.cancel()
                self.memory.language_keys.clear()  # those cut short may have left their old pages
        self.waited = self.memory.background = None
        self.memory.watched = self.last_complete
        self.end()

    def close(self) -> None:
        if self.memory.background is not None:
            self.memory.background.wait()
