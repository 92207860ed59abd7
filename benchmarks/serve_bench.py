"""`mkdocs serve` after an edit, timed as a maintainer sees it (benchmarks/run.py runs it).

`measure_serve` starts `mkdocs serve` (plain or `--dirty`) on a project, waits until every language
is built, then edits one page in each language asked for, one after the other: it appends a unique
token to the body and, with `describe`, puts another into the front matter's `description`, which
the topic pages show in their listing. It then polls, every 20 ms, the edited page until it shows the
body token, and each topic page of the page (`tags/<slug>/` of its language, one per slug of its
`tags`) until it shows the description token. With `--dirty` the topic pages may never be right
(MkDocs renders the edited files only): that is a figure ("not right after T s"), not a failure.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml

POLL = 0.02  # seconds between two requests for a page not right yet
SETTLE = 1.0  # seconds for MkDocs' file watcher (polling every 0.5 s) to take its snapshot
INDEXED_WAIT = 120  # seconds a search index is waited for (a project without Pagefind logs none)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@dataclass
class ServeFigures:
    """One language's edits under a `mkdocs serve`, each time from the moment the file was written; the
    server's start figures are those of every language it edited."""

    edits: list[float] = field(default_factory=list)  # edit -> edited page served with the new text
    whole: list[float] = field(default_factory=list)  # edit -> every language rebuilt (from the log)
    lists: list[float | None] = field(default_factory=list)  # edit -> every topic page of the page shows
    # the new description; None: not within lists_timeout (only with `describe`)
    initial: float = 0.0  # start -> first page served
    built: float = 0.0  # start -> every language built (the log's first "Languages built")
    indexed: float | None = None  # start -> the first search index done (None: not logged within INDEXED_WAIT)
    lists_timeout: float = 0.0
    topic_pages: list[str] = field(default_factory=list)  # the URLs polled for the description

    @property
    def edit(self) -> float:
        return statistics.median(self.edits)

    @property
    def lists_right(self) -> bool:
        return bool(self.lists) and all(seconds is not None for seconds in self.lists)

    @property
    def lists_time(self) -> float:
        """The median time until the topic pages were right; the time waited if they never were."""
        return statistics.median(self.lists_timeout if seconds is None else seconds for seconds in self.lists)


def split_page(text: str) -> tuple[dict, str]:
    """A Markdown page's front matter (parsed) and body."""
    if not text.startswith("---\n"):
        return {}, text
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front) or {}, body


def edited_page(text: str, body_token: str, description_token: str | None) -> str:
    """The page with `body_token` as a last paragraph and, if given, `description_token` at the start
    of its description (where no listing would cut it off)."""
    body = text.rstrip("\n") + f"\n\n{body_token}.\n"
    if description_token is None:
        return body
    meta, body = split_page(body)
    meta["description"] = f"{description_token} {meta.get('description') or ''}".strip()
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def topic_pages(text: str, prefix: str) -> list[str]:
    """The URLs of the topic pages that list a page: `<prefix>tags/<slug>/` (hooks/topics/pages.py,
    `topic_url`) for each slug of its front matter's `tags`."""
    return [f"{prefix}tags/{slug}/" for slug in split_page(text)[0].get("tags") or []]


@dataclass
class Server:
    """A `mkdocs serve` we started, and its output lines, each with the time it was read."""

    process: subprocess.Popen
    base: str  # its URL, ending in /
    dirty: bool
    started: float
    lines: list[tuple[float, str]] = field(default_factory=list)

    @classmethod
    def start(cls, project: Path, dirty: bool, env: dict | None) -> Server:
        port = free_port()
        env = {**(env or os.environ), "SITE_URL": f"http://127.0.0.1:{port}/"}
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )
        server = cls(process, f"http://127.0.0.1:{port}/", dirty, started)
        threading.Thread(target=server.read_output, daemon=True).start()
        return server

    def read_output(self) -> None:
        for line in self.process.stdout or ():
            self.lines.append((time.monotonic(), line.rstrip()))

    def tail(self) -> str:
        return "\n".join(line for _, line in self.lines[-40:])

    def write_log(self, path: Path) -> None:
        path.write_text("".join(f"{stamp - self.started:8.3f} {line}\n" for stamp, line in self.lines), encoding="utf-8")


@dataclass
class EditedPage:
    """The page edited in one language: its source, its text before any edit, its URL path."""

    language: str
    name: str  # e.g. article-001.md
    source: Path
    original: str

    @classmethod
    def of(cls, project: Path, name: str, language: str) -> EditedPage:
        source = project / "docs" / language / name
        return cls(language, name, source, source.read_text(encoding="utf-8"))

    @property
    def prefix(self) -> str:
        return "" if self.language == "en" else f"{self.language}/"

    @property
    def url(self) -> str:
        return f"{self.prefix}{self.name.removesuffix('.md')}/"

    def restore(self) -> None:
        self.source.write_text(self.original, encoding="utf-8")


def measure_serve(project: Path, edits: int, log, page: str, languages: Sequence[str] = ("en",), timeout: float = 300,
                  dirty: bool = False, describe: bool = False, lists_timeout: float | None = None,
                  env: dict | None = None) -> dict[str, ServeFigures]:
    """Start `mkdocs serve` on a project (with `--dirty`: a rebuild renders the edited pages only) and,
    one language after the other, edit `docs/<language>/<page>` `edits` times (with `describe`, its
    description too, and wait for its topic pages up to `lists_timeout` seconds, default `timeout`).
    One server for all the languages, since its start (every language built, then indexed) costs more
    CPU than their edits; before the next language's edits the page is restored and that rebuild
    waited for, so each language is edited on a quiet server with the original site, as the first is.
    The server's log goes to `serve.log` (`serve-dirty.log`) in the project."""
    pages = {code: EditedPage.of(project, page, code) for code in languages}
    wait = timeout if lists_timeout is None else lists_timeout
    figures = {code: ServeFigures(lists_timeout=wait, topic_pages=topic_pages(edited.original, edited.prefix)
                                  if describe else []) for code, edited in pages.items()}
    server = Server.start(project, dirty, env)
    try:
        initial, built, indexed = wait_until_ready(server, pages[languages[0]].url, timeout)
        for each in figures.values():
            each.initial, each.built, each.indexed = initial, built, indexed
        previous = None
        for code, edited in pages.items():
            if previous is not None:
                restore_and_settle(server, previous, timeout)
            measure_edits(server, edited, figures[code], edits, describe, timeout, log)
            previous = edited
    finally:
        stop_server(server.process)  # first: restoring the page under a running server would start one more rebuild
        for edited in pages.values():
            edited.restore()
        server.write_log(project / f"serve{'-dirty' if dirty else ''}.log")
    return figures


def wait_until_ready(server: Server, url: str, timeout: float) -> tuple[float, float, float | None]:
    """Wait until the server serves `url`, has built every language and indexed them, and its file
    watcher has taken its first snapshot: (seconds from the start until the page was served, until
    every language was built, until the search indexes were done, None if not logged)."""
    deadline = server.started + timeout
    while fetch(server.base + url) is None:
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("mkdocs serve did not start:\n" + server.tail())
        time.sleep(0.05)
    initial = time.monotonic() - server.started
    built = wait_for_log(server.lines, "Languages built", 0, timeout) - server.started  # every language's first build
    # The edit comes once the server is quiet: the search indexes every language in the background
    # after the first build (a rebuild would stop it, then index the rest after its own pages).
    indexed = wait_for_log(server.lines, "Search index:", 0, INDEXED_WAIT, required=False)
    time.sleep(SETTLE)  # let the file watcher take its first snapshot
    return initial, built, None if indexed is None else indexed - server.started


def restore_and_settle(server: Server, edited: EditedPage, timeout: float) -> None:
    """Restore a page the server has rebuilt after its edits, and wait until it is quiet again: the
    restore's rebuild has built every language (the log's next `Languages built`) and the search
    indexed what it changed (`Search index:`, if logged), and the watcher has taken its snapshot. So
    the next language is edited on the original site, nothing else at work, as on a server of its own."""
    mark = len(server.lines)
    edited.restore()
    wait_for_log(server.lines, "Languages built", mark, timeout)
    wait_for_log(server.lines, "Search index:", mark, INDEXED_WAIT, required=False)
    time.sleep(SETTLE)


def measure_edits(server: Server, edited: EditedPage, figures: ServeFigures, edits: int, describe: bool,
                  timeout: float, log) -> None:
    """Edit a page `edits` times, each once the last is served and every language rebuilt; add each
    edit's times to `figures`."""
    page_url, lists = server.base + edited.url, [server.base + url for url in figures.topic_pages]
    for number in range(1, edits + 1):
        stamp = time.time_ns()
        token, described = f"Benchmark edit {number} {stamp}", f"bench-description-{number}-{stamp}"
        mark = len(server.lines)
        changed = time.monotonic()
        edited.source.write_text(edited_page(edited.original, token, described if describe else None), encoding="utf-8")
        served, right = poll_edit(server, page_url, token, lists, described, changed, timeout, figures.lists_timeout)
        figures.edits.append(served)
        if describe:
            figures.lists.append(right)
        done = wait_for_log(server.lines, "Languages built", mark, timeout)
        figures.whole.append(max(done - changed, served))
        shown = "" if not describe else (f", topic pages right after {right:.2f} s" if right is not None
                                         else f", topic pages not right after {figures.lists_timeout:.0f} s")
        log(f"  serve{' --dirty' if server.dirty else ''} edit {number} of {edited.language}/{edited.name}: page served "
            f"after {served:.2f} s{shown}, every language rebuilt after {figures.whole[-1]:.2f} s, load {os.getloadavg()[0]:.1f}")
        if number < edits:
            time.sleep(SETTLE)  # the watcher's snapshot of this edit, before the next


def poll_edit(server: Server, page_url: str, token: str, lists: list[str], described: str,
              changed: float, timeout: float, lists_timeout: float) -> tuple[float, float | None]:
    """Poll the edited page until it shows `token` and, meanwhile, the topic pages `lists` one after
    the other until each shows `described`: (seconds until the page was served, seconds until every
    topic page was right, or None if they were not within `lists_timeout`)."""
    served = right = None
    waiting = list(lists)
    while served is None or (waiting and time.monotonic() - changed <= lists_timeout):
        if server.process.poll() is not None:
            raise RuntimeError("mkdocs serve stopped:\n" + server.tail())
        if served is None:
            if token in (fetch(page_url) or ""):
                served = time.monotonic() - changed
            elif time.monotonic() - changed > timeout:
                raise RuntimeError("mkdocs serve never served the edit:\n" + server.tail())
        while waiting and described in (fetch(waiting[0]) or ""):
            waiting.pop(0)
            right = time.monotonic() - changed
        if served is None or waiting:
            time.sleep(POLL)
    return served, (None if waiting else right if lists else None)


def wait_for_log(lines: list[tuple[float, str]], text: str, start: int, seconds: float,
                 required: bool = True) -> float | None:
    """The time of the first log line from index `start` on that contains `text` (None if there is
    none within `seconds` and it is not `required`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for stamp, line in lines[start:]:
            if text in line:
                return stamp
        time.sleep(0.02)
    if not required:
        return None
    raise RuntimeError(f"mkdocs serve never logged {text!r}:\n" + "\n".join(l for _, l in lines[-40:]))


def stop_server(server: subprocess.Popen) -> None:
    """Stop the `mkdocs serve` we started (Ctrl-C, so it cleans up), then its session if needed."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    try:
        os.killpg(server.pid, signal.SIGKILL)  # any worker process left behind in its session
    except ProcessLookupError:
        pass
