"""What changed in an English page since a translation was made from it, and when it last changed.

A translation records `source_hash`, the hash of the English text it was made from. git keeps every
committed version of the English page, so the version whose hash matches is the text the translator
saw, and its difference from the English page now is what the translation lacks.

git work costs a fixed number of processes, whatever the number of pages: one `git log --raw` lists
every version (commit, committer date, object id) of one file or of a whole folder, and one
`git cat-file --batch` reads the texts needed. Never a guess: without git, outside a repository, in
a shallow clone, or for a text that was never committed, the answer is "unknown" (None, or a
`HistoryError` saying why), not an approximation.

The functions take and return plain data; their only effects are running git and reading files.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The only project modules used; imported here, together, so a move of this module changes one place.
from .sources import read_page_source
from .versions import file_version
from .translation_status import STALE, PageStatus, normalized_text, source_hash

LOG = ["log", "-z", "--root", "--raw", "--no-abbrev", "--no-show-signature", "--date=short", "--format=%x01%H %cd"]


class HistoryError(Exception):
    """git cannot answer (not installed, not a repository, file never committed); says why."""


class NeverCommitted(HistoryError):
    """The file has no committed version: git has no history of it yet."""


@dataclass(frozen=True)
class Version:
    """One committed version of a file."""

    commit: str  # full commit id
    date: str  # the commit's committer date, YYYY-MM-DD
    blob: str  # git object id of the file's content in that commit


def run_git(args: list[str], cwd: str, stdin: bytes | None = None) -> bytes:
    """git's output, or a `HistoryError` with its reason in plain words."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise HistoryError("git is not installed (no 'git' command on PATH)") from None
    except (OSError, subprocess.SubprocessError) as error:
        raise HistoryError(f"git could not be run in {cwd}: {error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in message:
            raise HistoryError(f"{cwd} is not inside a git repository")
        first = message.splitlines()[0] if message else f"exit code {result.returncode}"
        raise HistoryError(f"git {args[0]} failed in {cwd}: {first}")
    return result.stdout


def parse_log(output: bytes) -> list[tuple[str, str, list[tuple[str, str, tuple[str, ...]]]]]:
    """The commits of `git log` output made with `LOG`, newest first: (commit, date, changes), each
    change (status letter(s), object id after the commit, paths: one, or old and new for a rename)."""
    commits = []
    for record in output.split(b"\x01")[1:]:
        header, _, raw = record.partition(b"\0")
        commit, date = header.decode("ascii").split(" ")
        tokens = [os.fsdecode(token.strip(b"\n")) for token in raw.split(b"\0")]
        changes, index = [], 0
        while index < len(tokens):
            if not tokens[index].startswith(":"):
                index += 1
                continue
            fields = tokens[index].split()
            status, blob = fields[-1], fields[-2]
            count = 2 if status[0] in "RC" else 1
            changes.append((status, blob, tuple(tokens[index + 1:index + 1 + count])))
            index += 1 + count
        commits.append((commit, date, changes))
    return commits


def file_versions(path: str) -> list[Version]:
    """Every committed version of one file, newest first, following renames (`git log --follow`)."""
    folder, name = os.path.split(path)
    return [
        Version(commit, date, blob)
        for commit, date, changes in parse_log(run_git([*LOG, "--follow", "--", name], folder or "."))
        for status, blob, _ in changes[:1]
        if status[0] != "D"
    ]


def folder_versions(folder: str, src_uris: Iterable[str]) -> dict[str, list[Version]]:
    """Every committed version of each page of `folder` (`src_uris` relative to it), newest first,
    from one `git log` of the folder; a page renamed inside the folder is followed to its old name."""
    versions: dict[str, list[Version]] = {uri: [] for uri in src_uris}
    tracked = {uri: uri for uri in versions}  # name at the point of history being read -> page
    output = run_git([*LOG, "-M", "--relative", "--", "."], folder)
    for commit, date, changes in parse_log(output):
        renamed = {}
        for status, blob, paths in changes:
            uri = tracked.get(paths[-1])
            if uri is None:
                continue
            del tracked[paths[-1]]
            if status[0] == "D":  # deleted here: the page of the same name now is another file
                continue
            versions[uri].append(Version(commit, date, blob))
            if status[0] in "RC":
                renamed[paths[0]] = uri
            elif status[0] != "A":
                renamed[paths[-1]] = uri
        tracked.update(renamed)
    return versions


def read_blobs(cwd: str, blobs: Iterable[str]) -> dict[str, str]:
    """The texts of these git objects (decoded as UTF-8), read by one `git cat-file --batch`."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    output = run_git(["cat-file", "--batch"], cwd, "".join(f"{blob}\n" for blob in wanted).encode("ascii"))
    texts, position = {}, 0
    for blob in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3:  # "<id> <type> <size>", else "<id> missing"
            size = int(header[2])
            texts[blob] = output[position:position + size].decode("utf-8", "replace")
            position += size + 1
    return texts


def matching_version(versions: list[Version], texts: Mapping[str, str], recorded_hash: str) -> Version | None:
    """The newest of `versions` whose text has the `source_hash` a translation recorded."""
    for version in versions:
        if version.blob in texts and source_hash(texts[version.blob]) == recorded_hash:
            return version
    return None


def find_source_version(english_path: str, recorded_hash: str) -> tuple[Version, str] | None:
    """The committed version of an English page (and its text) that a translation recording
    `recorded_hash` was made from, walking `git log --follow` of the page; None if no committed
    version has that hash. A `HistoryError` if git cannot tell (no git, no repository), `NeverCommitted`
    if the page has no committed version."""
    versions = file_versions(english_path)
    if not versions:
        raise NeverCommitted(f"{english_path} has never been committed to git")
    texts = read_blobs(os.path.dirname(english_path) or ".", (version.blob for version in versions))
    version = matching_version(versions, texts, recorded_hash)
    return (version, texts[version.blob]) if version is not None else None


def normalized_lines(text: str) -> list[str]:
    """A page's lines as `source_hash` sees them."""
    return normalized_text(text).splitlines(keepends=True)


def unified_diff(old_text: str, new_text: str, path: str, old_label: str, new_label: str) -> str:
    """The unified diff from one version of a page to another (empty if they are the same)."""
    lines = difflib.unified_diff(
        normalized_lines(old_text), normalized_lines(new_text), path, path, old_label, new_label
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def changed_lines(old_text: str, new_text: str) -> int:
    """How many lines changed from one text to the other: an edited, added or removed line counts
    once (a block of 2 lines replaced by 3 counts 3); 0 when `source_hash` sees the same text."""
    matcher = difflib.SequenceMatcher(None, normalized_lines(old_text), normalized_lines(new_text), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def lines_changed_since(docs_root: str, default: str, recorded: Mapping[str, Iterable[str]],
                        history: Mapping[str, list[Version]] | None = None) -> dict[tuple[str, str], int | None]:
    """How many lines of each English page changed since each recorded `source_hash`.

    Arguments:
        docs_root: the folder holding one folder per language (`docs`).
        default: the default language's code, whose folder holds the English pages (`en`).
        recorded: src_uri -> the `source_hash` values its translations record.
        history: `folder_versions` of (at least) these pages, if the caller has read it already.
    Returns:
        (src_uri, hash) -> lines changed from the committed version with that hash to the page now
        (0 if the page now has that hash); None if unknown: no git, or no committed version has it.
    Two git processes at most (`git log` of the folder, `git cat-file`), whatever the number of pages.
    An English page that is not valid UTF-8 raises `multilingual.sources.SourceError` (it names the file).
    """
    folder = os.path.join(docs_root, default)
    current = {uri: read_page_source(os.path.join(folder, *uri.split("/"))).text for uri in recorded}
    now = {uri: source_hash(text) for uri, text in current.items()}
    result: dict[tuple[str, str], int | None] = {
        (uri, str(h)): 0 if str(h) == now[uri] else None for uri, hashes in recorded.items() for h in hashes
    }
    unknown = [key for key, count in result.items() if count is None]
    pages = sorted({uri for uri, _ in unknown})
    try:
        if history is None:
            history = folder_versions(folder, pages) if pages else {}
        texts = read_blobs(folder, (version.blob for uri in pages for version in history[uri]))
    except HistoryError:
        return result
    for uri, recorded_hash in unknown:
        version = matching_version(history[uri], texts, recorded_hash)
        if version is not None:
            result[(uri, recorded_hash)] = changed_lines(texts[version.blob], current[uri])
    return result


def is_shallow(cwd: str) -> bool:
    """Whether the repository is a shallow clone (its oldest commit seems to add every file)."""
    return run_git(["rev-parse", "--is-shallow-repository"], cwd).strip() != b"false"


def blob_id(path: str, length: int) -> str | None:
    """The git object id that the file's bytes have (SHA-1, or SHA-256 when `length` is 64)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    digest = hashlib.sha256 if length == 64 else hashlib.sha1
    return digest(b"blob %d\0" % len(data) + data).hexdigest()


def last_changed_dates(docs_root: str, default: str, src_uris: Iterable[str],
                       history: Mapping[str, list[Version]] | None = None) -> dict[str, str | None]:
    """When each English page last changed, for the out-of-date notice ("changed on {date}").

    Arguments:
        docs_root: the folder holding one folder per language (`docs`).
        default: the default language's code (`en`).
        src_uris: the pages, relative to `docs/<default>/` (`about.md`).
        history: `folder_versions` of (at least) these pages, if the caller has read it already.
    Returns:
        src_uri -> the committer date (YYYY-MM-DD) of the last commit that touched the page, or None
        when there is no true date: the file differs from that commit (an uncommitted edit), the
        clone is shallow (its oldest commit seems to add every file), or git is not available.
    Two git processes (`git rev-parse`, one `git log` of the folder), whatever the number of pages.
    """
    folder = os.path.join(docs_root, default)
    dates: dict[str, str | None] = dict.fromkeys(src_uris)
    try:
        if not dates or is_shallow(folder):
            return dates
        if history is None:
            history = folder_versions(folder, dates)
    except HistoryError:
        return dates
    for uri in dates:
        versions = history[uri]
        if versions and blob_id(os.path.join(folder, *uri.split("/")), len(versions[0].blob)) == versions[0].blob:
            dates[uri] = versions[0].date
    return dates


def english_unchanged_since_translation(docs_root: str, default: str, code: str,
                                        src_uris: Iterable[str]) -> dict[str, bool]:
    """For translations without `source_hash` (a library that arrives untracked): whether each
    English page is still the text it was when its translation was last committed.

    Returns src_uri -> True when no commit after the translation's last one changed the English page
    and the English file has no uncommitted edit (a translation not committed yet counts as made
    from the English page as it is now); False when the English page changed since.
    Raises `HistoryError` when git cannot tell (no git, not a repository, a shallow clone).
    Two git processes (`git rev-parse`, one `git log` of `docs_root`), whatever the number of pages.
    """
    uris = list(src_uris)
    if not uris:
        return {}
    if is_shallow(docs_root):
        raise HistoryError(f"{docs_root} is in a shallow clone: its history is cut short")
    newest_english: dict[str, str] = {}  # the English page's newest committed version (object id)
    verdict: dict[str, bool] = {}
    for _, _, changes in parse_log(run_git([*LOG, "--relative", "--", "."], docs_root)):  # newest first
        blobs = {paths[-1]: blob for _, blob, paths in changes}
        for uri in uris:
            if uri not in verdict and f"{code}/{uri}" in blobs:  # the translation's last commit
                verdict[uri] = uri not in newest_english  # no English commit after it
            if f"{default}/{uri}" in blobs:
                newest_english.setdefault(uri, blobs[f"{default}/{uri}"])
    for uri in uris:
        verdict.setdefault(uri, True)  # never committed: made from the English page as it is now
        committed = newest_english.get(uri)
        if committed and blob_id(os.path.join(docs_root, default, *uri.split("/")), len(committed)) != committed:
            verdict[uri] = False  # the English page has an uncommitted edit: a change since
    return verdict


def stale_pages_changed_on(table: dict[tuple[str, str], PageStatus], tree) -> dict[str, str | None]:
    """When each original with an out-of-date translation last changed (git; None where unknown).
    Computed once per version of those files in a process: the language workers forked from the
    main build find it already here."""
    stale = sorted({src_uri for (_, src_uri), status in table.items() if status.state == STALE})
    if not stale:
        return {}
    versions = tuple((src_uri, *file_version(tree.path(tree.default, src_uri))) for src_uri in stale)
    key = (tree.root, tree.default, versions)
    if key not in _CHANGED_ON:
        _CHANGED_ON[key] = last_changed_dates(tree.root, tree.default, stale)
    return _CHANGED_ON[key]


# A cache, not build state: keyed by the files' versions, right for any build of any process.
_CHANGED_ON: dict[tuple, dict[str, str | None]] = {}
