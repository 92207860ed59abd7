"""The translators' tool: which translations are out of date, what changed in English since, and
starting or refreshing a translation. Run from the project root (the folder holding mkdocs.yml):

    .venv/bin/python scripts/translations.py --help

A thin layer over hooks/multilingual/: the language table comes from mkdocs.yml
(languages.load_languages), pages are read and checked by sources, status by translation_status,
history by translation_history; front-matter edits are scripts/translation_files.py.
Exit codes: 0 done, 1 `status` found a translation out of date, 2 a mistake in the input (the message
names the file and says what to do; never a traceback).
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

# The project modules this tool uses: in one place, so a reorganisation of hooks/ changes only here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
from multilingual.tree import DocsTreeError, scan_docs  # noqa: E402
from multilingual.languages import LanguageTableError, load_languages  # noqa: E402
from multilingual.sources import SourceError, read_page_source  # noqa: E402
from multilingual.translation_history import (  # noqa: E402
    HistoryError, NeverCommitted, english_unchanged_since_translation, find_source_version, folder_versions,
    is_shallow, last_changed_dates, lines_changed_since, unified_diff,
)
from multilingual.translation_status import CURRENT, MISSING, STALE, UNTRACKED, source_hash, status_table  # noqa: E402
from translation_files import FrontMatterError, new_translation_text, with_source_hash  # noqa: E402

COMMAND = ".venv/bin/python scripts/translations.py"


class ToolError(Exception):
    """A mistake in the input; the message names the file and says what to do."""


class Project:
    """The project in the current folder: its language table and its docs/ folder."""

    def __init__(self) -> None:
        if not os.path.isfile("mkdocs.yml"):
            raise ToolError(f"there is no mkdocs.yml in {os.getcwd()}: run this command from the project root.")
        try:
            with open("mkdocs.yml", encoding="utf-8") as file:
                config = yaml.load(file, Loader=get_yaml_loader())
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise ToolError(f"mkdocs.yml cannot be read ({str(error).splitlines()[0]}); fix it, then run again.") from None
        extra = config.get("extra") if isinstance(config, dict) else None
        self.languages = load_languages(extra.get("languages") if isinstance(extra, dict) else None)
        self.default = self.languages[0].code
        docs_dir = os.path.normpath(str(config.get("docs_dir", "docs")))
        if os.path.basename(docs_dir) != self.default:
            raise ToolError(f"mkdocs.yml: docs_dir is {docs_dir}; it must be the folder of the default language, docs/{self.default}.")
        self.root = os.path.dirname(docs_dir) or "."  # the folder of language folders, e.g. docs

    def path(self, code: str, src_uri: str) -> str:
        return os.path.join(self.root, code, *src_uri.split("/"))

    def code(self, code: str) -> str:
        """A translation's language code, checked against mkdocs.yml extra.languages."""
        codes = [language.code for language in self.languages]
        if code == self.default:
            raise ToolError(f"'{code}' is the source language (docs/{code}/); give the code of a translation: {', '.join(codes[1:])}.")
        if code not in codes:
            label = next((l.code for l in self.languages if l.label.lower() == code.lower()), None)
            hint = f" ('{code.upper()}' is the label of '{label}')" if label else ""
            raise ToolError(f"unknown language code '{code}'{hint}; mkdocs.yml extra.languages has: {', '.join(codes[1:])}.")
        return code

    def page(self, name: str) -> str:
        """The src_uri (`about.md`) of a page given as `about.md`, `docs/en/about.md` or `docs/fr/about.md`."""
        root, candidate = os.path.abspath(self.root), os.path.abspath(name)
        inside = os.path.commonpath([root, candidate]) == root and candidate != root
        if inside and Path(candidate).relative_to(root).parts[0] in {l.code for l in self.languages}:
            parts = Path(candidate).relative_to(root).parts[1:]
        else:
            english = os.path.abspath(os.path.join(self.root, self.default))
            candidate = os.path.abspath(os.path.join(english, name))
            if os.path.isabs(name) or os.path.commonpath([english, candidate]) != english or candidate == english:
                raise ToolError(f"{name} is outside {self.root}/{self.default}/: give a page such as about.md or {self.root}/{self.default}/about.md.")
            parts = Path(candidate).relative_to(english).parts
        src_uri = "/".join(parts)
        if not src_uri.endswith(".md"):
            raise ToolError(f"{name} is not a Markdown page: give its file name, ending in .md.")
        if not os.path.isfile(self.path(self.default, src_uri)):
            pages = sorted(scan_docs(self.root, self.languages).pages[self.default])
            close = difflib.get_close_matches(src_uri, pages, n=1)
            hint = f"Did you mean {close[0]}? " if close else ""
            listed = f"Pages: {', '.join(pages)}." if len(pages) <= 20 else f"{len(pages)} pages are in {self.root}/{self.default}/."
            raise ToolError(f"{self.path(self.default, src_uri)} does not exist. {hint}{listed}")
        return src_uri


def warn_if_uncommitted(project: Project, src_uri: str, recorded: str) -> None:
    """A note when the English text just recorded is not in git, where `diff` would look for it."""
    english = project.path(project.default, src_uri)
    try:
        committed = find_source_version(english, recorded) is not None
    except NeverCommitted:
        committed = False
    except HistoryError:
        return  # no git here: nothing to commit to
    if not committed:
        print(f"note: {english} as it is now is not committed; commit it, so that `diff` can later show "
              "what changed in English since this translation.", file=sys.stderr)


OUT_OF_DATE, NO_HASH = "out of date", "no source_hash"


def status_rows(project: Project, codes: list[str]) -> list[tuple[str, str, str, str, str]]:
    """(page, language, status, English changes, reviewed) for every page in these languages."""
    tree = scan_docs(project.root, project.languages)
    table = {key: s for key, s in status_table(tree, project.languages).items() if key[0] in codes}
    stale = {key for key, s in table.items() if s.state == STALE}
    recorded = {key: str(read_page_source(tree.path(*key)).meta.get("source_hash")) for key in stale}
    hashes: dict[str, set[str]] = {}
    for (code, uri), value in recorded.items():
        hashes.setdefault(uri, set()).add(value)
    stale_pages = sorted({uri for _, uri in stale})
    try:  # one git log of the English folder, read by both
        history = folder_versions(os.path.join(project.root, project.default), stale_pages) if stale_pages else {}
    except HistoryError:
        history = None  # each says it does not know
    counts = lines_changed_since(project.root, project.default, hashes, history)
    dates = last_changed_dates(project.root, project.default, stale_pages, history)
    rows = []
    for uri in sorted(tree.pages[project.default]):
        for code in codes:
            key, s = (code, uri), table[(code, uri)]
            state, details = s.state, ""
            if s.state == UNTRACKED:
                state, details = NO_HASH, "unknown: no source_hash"
            elif s.state == STALE:
                state, count = OUT_OF_DATE, counts[(uri, recorded[key])]
                details = f"{count} line{'' if count == 1 else 's'} changed" if count is not None else "unknown (see diff)"
                details += f", last on {dates[uri]}" if dates[uri] else ""
            rows.append((uri, code, state, details, "" if state == MISSING else "yes" if s.reviewed else "no"))
    return rows


def status(project: Project, only: str | None) -> int:
    codes = [l.code for l in project.languages[1:] if only in (None, l.code)]
    rows = status_rows(project, codes)
    header = ("PAGE", "LANG", "STATUS", "ENGLISH CHANGES", "REVIEWED")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    print()
    for code in codes:
        states = [row[2] for row in rows if row[1] == code]
        print(f"{code}: " + ", ".join(f"{states.count(state)} {label}" for state, label in (
            (CURRENT, "current"), (OUT_OF_DATE, "out of date"), (NO_HASH, "without source_hash"), (MISSING, "missing"))))
    behind = sum(1 for row in rows if row[2] in (OUT_OF_DATE, NO_HASH))
    if behind:
        print(f"\n{behind} translation{'s are' if behind > 1 else ' is'} out of date. See what changed in English: "
              f"{COMMAND} diff CODE PAGE; after updating a translation: {COMMAND} done CODE PAGE.")
    return 1 if behind else 0


def diff(project: Project, code: str, src_uri: str) -> int:
    english, translation = project.path(project.default, src_uri), project.path(code, src_uri)
    if not os.path.isfile(translation):
        raise ToolError(f"{translation} does not exist yet: start it with {COMMAND} new {code} {src_uri}")
    now = read_page_source(english).text
    recorded = read_page_source(translation).meta.get("source_hash")
    if recorded is not None and str(recorded) == source_hash(now):
        print(f"{translation} is current: {english} has not changed since it was translated.")
        return 0
    reason = f"{translation} has no source_hash, so the English version it was made from is unknown"
    if recorded is not None:
        try:
            found = find_source_version(english, str(recorded))
            reason = f"no committed version of {english} has source_hash {recorded}"
            if found is None and is_shallow(os.path.dirname(english)):
                reason += " (this clone is shallow: fetch the whole history with `git fetch --unshallow`)"
        except HistoryError as error:
            found, reason = None, str(error)
        if found is not None:
            version, old = found
            print(f"English changes since {translation} was made (from {english} of commit {version.commit[:12]}, "
                  f"{version.date}):", file=sys.stderr)
            sys.stdout.write(unified_diff(old, now, english, f"{version.commit[:12]} {version.date}", "now"))
            return 0
    print(f"Cannot show what changed: {reason}. Here is the current English page, {english}, instead:", file=sys.stderr)
    sys.stdout.write(now)
    return 0


def new(project: Project, code: str, src_uri: str) -> int:
    english, translation = project.path(project.default, src_uri), project.path(code, src_uri)
    if os.path.exists(translation):
        raise ToolError(f"{translation} already exists; nothing was changed. Edit it, then run {COMMAND} done {code} {src_uri}")
    text = read_page_source(english).text
    recorded = source_hash(text)
    content = new_translation_text(text, english, recorded)
    os.makedirs(os.path.dirname(translation), exist_ok=True)
    with open(translation, "xb") as file:  # "x": never overwrite, even a file made a moment ago
        file.write(content.encode("utf-8"))
    print(f"Created {translation} from {english} (source_hash: {recorded}, reviewed: false).\n"
          "Translate its title, description and text; keep heading {#ids}, footnote labels, link targets "
          "and insert markers as they are (CONTENT.md, 'Translations').")
    warn_if_uncommitted(project, src_uri, recorded)
    return 0


def done(project: Project, code: str, src_uri: str) -> int:
    english, translation = project.path(project.default, src_uri), project.path(code, src_uri)
    if not os.path.isfile(translation):
        raise ToolError(f"{translation} does not exist: start it with {COMMAND} new {code} {src_uri}")
    source = read_page_source(translation)
    recorded = source_hash(read_page_source(english).text)
    if str(source.meta.get("source_hash")) == recorded:
        print(f"{translation} already records source_hash {recorded}: it is current, nothing to do.")
        return 0
    updated = with_source_hash(source.text, translation, recorded)
    with open(translation, "wb") as file:
        file.write(updated.encode("utf-8"))
    print(f"{translation}: source_hash {source.meta.get('source_hash', '(none)')} -> {recorded}; it is now current.")
    if source.meta.get("reviewed") is True:
        print(f"note: {translation} still says reviewed: true; make it false if a native speaker has not "
              "reviewed the new text.", file=sys.stderr)
    warn_if_uncommitted(project, src_uri, recorded)
    return 0


def done_all(project: Project, codes: list[str]) -> int:
    """`done CODE --all` / `done --all`: record `source_hash` in every translation that has none and
    whose English page has not changed since the translation was last committed; never touch one
    whose English page changed since (nor one already tracked), and say which."""
    tree = scan_docs(project.root, project.languages)
    table = status_table(tree, project.languages)
    for code in codes:
        untracked = sorted(uri for (c, uri), s in table.items() if c == code and s.state == UNTRACKED)
        stale = sorted(uri for (c, uri), s in table.items() if c == code and s.state == STALE)
        try:
            unchanged = english_unchanged_since_translation(project.root, project.default, code, untracked)
        except HistoryError as error:
            print(f"{project.root}/{code}/: {len(untracked)} translation(s) without source_hash left as they are: "
                  f"{error}, so it cannot tell whether their English pages changed since. Check each, then run "
                  f"{COMMAND} done {code} PAGE.", file=sys.stderr)
            continue
        marked = [uri for uri in untracked if unchanged[uri]]
        hashes = {uri: source_hash(read_page_source(project.path(project.default, uri)).text) for uri in marked}
        for uri in marked:
            translation = project.path(code, uri)
            updated = with_source_hash(read_page_source(translation).text, translation, hashes[uri])
            with open(translation, "wb") as file:
                file.write(updated.encode("utf-8"))
            print(f"marked {translation} (source_hash {hashes[uri]})")
        for uri in untracked:
            if not unchanged[uri]:
                print(f"not marked: {project.path(code, uri)}: its English page changed since the translation was "
                      f"last committed; bring it up to date, then run {COMMAND} done {code} {uri}", file=sys.stderr)
        for uri in stale:
            print(f"not marked: {project.path(code, uri)} is out of date (its source_hash is an older English "
                  f"text); see {COMMAND} diff {code} {uri}", file=sys.stderr)
        print(f"{project.root}/{code}/: {len(marked)} marked current, {len(untracked) - len(marked) + len(stale)} "
              f"left for you (listed above), {sum(1 for (c, _), s in table.items() if c == code and s.state == CURRENT)} "
              "already current.")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog=COMMAND, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Keep translations in step with the English pages (docs/en/ is the source of truth).\n"
        "A translation records in its front matter the hash of the English text it was made from\n"
        "(source_hash); when the English page changes, the translation is out of date.",
        epilog="A translator's round, from the project root:\n"
        f"  {COMMAND} status --lang fr\n      which French pages are out of date, by how many English lines\n"
        f"  {COMMAND} diff fr about.md\n      what changed in docs/en/about.md since docs/fr/about.md was made\n"
        "  (update docs/fr/about.md in an editor)\n"
        f"  {COMMAND} done fr about.md\n      record that docs/fr/about.md is current again\n"
        f"  {COMMAND} new fr about.md\n      start a translation that does not exist yet\n"
        f"  {COMMAND} done fr --all\n      a library that arrived without source_hash: mark every French page\n"
        "      whose English has not changed since it was committed (the others are listed)\n\n"
        "PAGE is a page of docs/en/ (about.md) or its path (docs/en/about.md, docs/fr/about.md).\n"
        "Exit codes: 0 done; 1 status found a translation out of date; 2 a mistake in the input\n"
        "(the message names the file and says what to do).",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")
    page_help = "a page of docs/en/, e.g. about.md"
    status_parser = commands.add_parser("status", help="every page in every language: current, out of date (with the English lines changed since), missing, reviewed")
    status_parser.add_argument("--lang", metavar="CODE", help="only this language, e.g. fr")
    for name, text in (
        ("diff", "the English changes since the version the translation was made from, as a unified diff"),
        ("new", "start a translation: a copy of the English page with source_hash and reviewed: false"),
        ("done", "after updating a translation: set its source_hash to the English page's (nothing else changes)"),
    ):
        command = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        nargs = "?" if name == "done" else None  # done also takes --all instead
        command.add_argument("code", metavar="CODE", help="the translation's language code, e.g. fr", nargs=nargs)
        command.add_argument("page", metavar="PAGE", help=page_help, nargs=nargs)
    commands.choices["done"].add_argument(
        "--all", action="store_true",
        help="every translation of CODE (of every language, without CODE) that has no source_hash and whose "
             "English page has not changed since the translation was last committed: a library that arrives "
             "untracked. Out-of-date pages and pages whose English changed since are listed, never touched.")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        project = Project()
        if args.command == "status":
            return status(project, project.code(args.lang) if args.lang is not None else None)
        if getattr(args, "all", False):
            if args.page is not None:
                raise ToolError(f"give --all or a page, not both: {COMMAND} done {args.code} --all")
            codes = [project.code(args.code)] if args.code else [l.code for l in project.languages[1:]]
            return done_all(project, codes)
        if args.code is None or args.page is None:
            raise ToolError(f"give a language and a page ({COMMAND} {args.command} fr about.md), or --all")
        command = {"diff": diff, "new": new, "done": done}[args.command]
        return command(project, project.code(args.code), project.page(args.page))
    except (ToolError, FrontMatterError, SourceError, LanguageTableError, DocsTreeError) as error:
        print(f"error: {error}", file=sys.stderr)
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror or error}. Check the file and its permissions.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
