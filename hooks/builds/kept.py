"""Languages kept whole from an earlier build: a language whose every input is what it was needs no
build at all.

A language build reads its own pages and the default language's (its fallbacks, the originals its
translations are checked against), and of the other languages only which pages they have, the
status of their translations and the dates their originals changed (the switcher, the status
table). `language_key` hashes exactly that, with the build's other inputs (`reuse.keys.build_inputs`).

`mkdocs build` keeps each language's output, when it built without a warning, in
`<cache>/languages/<code>/` (the files hard-linked to the site's where the file system allows, so it
costs no room) and copies it back the same way when the key matches. `mkdocs serve` keeps the
languages in the folder it serves, and rebuilds only those whose key changed.
"""

from __future__ import annotations

import glob
import os
import shutil
from typing import Iterable, Mapping

from reuse import cache_folder, inputs_of, link_or_copy, replace_file
from reuse.keys import digest, tree_digest

from .output import process_alive

LANGUAGES_FOLDER = "languages"
_KEY_FILE, _OUTPUT = "key", "site"


def folder_digests(tree, codes: Iterable[str], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """The hash of the sources of each language of `codes`; those in `known` as they are there."""
    known = known or {}
    return {code: known.get(code) or tree_digest([os.path.join(tree.root, code)]) for code in codes}


def language_keys(inputs: str, codes: list[str], context, folders: Mapping[str, str] | None = None) -> dict[str, str]:
    """What the build of each language of `codes` is made from, `context` being the main build's (its
    tree, translation status and the dates originals changed, all read before the languages start);
    `folders`: the hashes of language folders already known (`folder_digests`)."""
    tree = context.tree
    folders = folder_digests(tree, [tree.default, *codes], folders)
    shared = digest(
        inputs,
        folders[tree.default],
        repr(sorted((language, sorted(pages)) for language, pages in tree.pages.items())),
        repr(sorted((language, sorted(assets)) for language, assets in tree.assets.items())),
        repr(sorted(context.status.items())),
        repr(sorted(context.changed_on.items())),
    )
    return {code: digest(shared, code, folders[code]) for code in codes}


def language_key(inputs: str, code: str, context) -> str:
    return language_keys(inputs, [code], context)[code]


def build_language_keys(config, context, codes: list[str], folders: Mapping[str, str] | None = None) -> dict[str, str]:
    """`language_keys` of the main build about to start the languages `codes`."""
    return language_keys(inputs_of(config, context, cache_folder(config.extra, context.project_dir)), codes, context,
                         folders)


class KeptLanguages:
    """The language outputs kept in `<cache>/languages/`."""

    def __init__(self, cache_dir: str) -> None:
        self.folder = os.path.join(cache_dir, LANGUAGES_FOLDER)

    def restore(self, code: str, key: str, destination: str) -> bool:
        """Put the output kept for `code` under `key` at `destination` (which must not exist)."""
        kept = os.path.join(self.folder, code)
        try:
            with open(os.path.join(kept, _KEY_FILE), encoding="ascii") as file:
                if file.read() != key:
                    return False
            shutil.copytree(os.path.join(kept, _OUTPUT), destination, copy_function=link_or_copy)
            with open(os.path.join(kept, _KEY_FILE), encoding="ascii") as file:
                if file.read() != key:  # another build began to keep a new output meanwhile
                    raise OSError("changed while copied")
        except (OSError, shutil.Error):
            shutil.rmtree(destination, ignore_errors=True)
            return False
        return True

    def output(self, code: str) -> str | None:
        """The output kept for `code` (whatever its key), if any: the pages a build of the language
        may put back (`reuse.visits`)."""
        kept = os.path.join(self.folder, code, _OUTPUT)
        return kept if os.path.isdir(kept) else None

    def keep(self, code: str, key: str, output: str) -> None:
        """Keep a language's new output as its only one. The first is made aside with its key, then
        renamed into place; a later one updates the kept files (most of them are the very files kept,
        put back: `reuse.visits`) with its key removed meanwhile, so that a copy cut short is never
        taken for a whole one."""
        kept = os.path.join(self.folder, code)
        writing = f"{kept}.writing-{os.getpid()}"  # made aside, then put in place: another build
        for left in glob.glob(glob.escape(kept) + ".writing-*"):  # restoring meanwhile never copies half
            pid = left.rpartition("-")[2]  # of it; what an interrupted build left goes
            if not pid.isdigit() or not process_alive(int(pid)) or int(pid) == os.getpid():
                shutil.rmtree(left, ignore_errors=True)
        if os.path.isdir(os.path.join(kept, _OUTPUT)):
            try:
                os.remove(os.path.join(kept, _KEY_FILE))
            except FileNotFoundError:
                pass
            mirror(output, os.path.join(kept, _OUTPUT))
            write_key(kept, key)
            return
        shutil.copytree(output, os.path.join(writing, _OUTPUT), copy_function=link_or_copy)
        write_key(writing, key)
        shutil.rmtree(kept, ignore_errors=True)
        os.rename(writing, kept)

    def forget(self) -> None:
        """Drop every kept language: a build about to write the site folder in place (`--dirty`)
        would change their hard-linked files too."""
        shutil.rmtree(self.folder, ignore_errors=True)


def write_key(folder: str, key: str) -> None:
    replace_file(os.path.join(folder, _KEY_FILE), key.encode("ascii"))


def mirror(source: str, target: str) -> None:
    """Make the folder `target` hold the files of `source`, as hard links where the file system
    allows: a file of `target` that is already the same file as its namesake is left alone, the
    others are replaced, and what `source` does not have is removed."""
    wanted = set()
    for folder, _, names in os.walk(source):
        into = os.path.normpath(os.path.join(target, os.path.relpath(folder, source)))
        os.makedirs(into, exist_ok=True)
        for name in names:
            origin, copy = os.path.join(folder, name), os.path.join(into, name)
            wanted.add(copy)
            try:
                if os.path.samestat(os.stat(origin), os.stat(copy)):
                    continue
                os.remove(copy)
            except FileNotFoundError:
                pass
            link_or_copy(origin, copy)
    for folder, _, names in os.walk(target, topdown=False):
        for name in names:
            if os.path.join(folder, name) not in wanted:
                os.remove(os.path.join(folder, name))
        if folder != target and not os.listdir(folder):
            os.rmdir(folder)
