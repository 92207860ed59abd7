"""`mkdocs serve` rebuilds: which languages an edit changed, and keeping every language's pages served.

Each rebuild takes one snapshot of the watched tree (`snapshot`) and compares it with the last
complete rebuild's (`changed_languages`): the languages whose own folder under `docs/` changed, or
every language if anything else did. That one answer, kept on the rebuild's `ServePlan`, says which
languages the rebuild waits for (the page being edited is served as soon as it is rebuilt; the other
languages are rebuilt in the background, each into a staging folder, then swapped in) and which
languages the search re-indexes. MkDocs empties the site folder at each rebuild, except hidden
entries, so the languages' pages and the search bundles are held under a hidden name meanwhile.
"""

from __future__ import annotations

import os
import shutil
from typing import Iterable

STAGING = ".staging"  # <site_dir>/.staging/<code>: a background language build's output
HELD = ".held-"  # <site_dir>/.held-<code>: a language's pages while MkDocs empties the site folder


def watched_paths(config, context) -> list[str]:
    """What a rebuild may depend on: the docs of every language, the data files, mkdocs.yml and the
    theme overrides."""
    paths = [context.docs_root, context.project_path("data"), config.config_file_path, config.theme.custom_dir]
    return [path for path in dict.fromkeys(paths) if path and os.path.exists(path)]


Snapshot = dict[str, tuple[int, int]]  # path -> (modification time in ns, size) of each watched file


def snapshot(paths: Iterable[str]) -> Snapshot:
    """The version of every file under `paths` (folders or files): one walk of the watched tree."""
    versions = {}
    for path in paths:
        if os.path.isfile(path):
            stat = os.stat(path)
            versions[path] = (stat.st_mtime_ns, stat.st_size)
        for folder, _, names in os.walk(path):
            for name in names:
                file = os.path.join(folder, name)
                try:
                    stat = os.stat(file)
                except OSError:
                    continue
                versions[file] = (stat.st_mtime_ns, stat.st_size)
    return versions


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


def restore(site_dir: str, codes: Iterable[str]) -> None:
    """Undo `hold`, once MkDocs has emptied the site folder."""
    for code in codes:
        held = os.path.join(site_dir, HELD + code)
        if os.path.isdir(held) and not os.path.exists(os.path.join(site_dir, code)):
            os.rename(held, os.path.join(site_dir, code))
