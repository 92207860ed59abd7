"""`mkdocs serve` after an edit, timed as a maintainer sees it (benchmarks/run.py runs it).

`measure_serve` starts `mkdocs serve` (plain or `--dirty`) on a project, waits until every language
is built, then edits one page of one language: it appends a unique token to the body and, with
`describe`, puts another into the front matter's `description`, which the topic pages show in their
listing. It then polls, every 20 ms, the edited page until it shows the body token, and each topic
page of the page (`tags/<slug>/` of its language, one per slug of its `tags`) until it shows the
description token. With `--dirty` the topic pages may never be right (MkDocs renders the edited
files only): that is a figure ("not right after T s"), not a failure.
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

import yaml

POLL = 0.02  # seconds between two requests for a page not right yet
SETTLE = 1.0  # seconds for MkDocs' file watcher (polling every 0.5 s) to take its snapshot
INDEXED_WAIT = 120  # seconds the first search index is waited for (a project without Pagefind logs none)


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
    """One `mkdocs serve` and its edits, each time from the moment the file was written."""

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


def measure_serve(project: Path, edits: int, log, page: str, language: str = "en", timeout: float = 300,
                  dirty: bool = False, describe: bool = False, lists_timeout: float | None = None,
                  env: dict | None = None) -> ServeFigures:
    """Start `mkdocs serve` on a project (with `--dirty`: a rebuild renders the edited pages only), edit
    `docs/<language>/<page>` `edits` times (with `describe`, its description too, and wait for its
    topic pages up to `lists_timeout` seconds, default `timeout`)."""
    port = free_port()
    env = {**(env or os.environ), "SITE_URL": f"http://127.0.0.1:{port}/"}
    lines: list[tuple[float, str]] = []
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )

    def read_output() -> None:
        for line in server.stdout:
            lines.append((time.monotonic(), line.rstrip()))

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}/"
    prefix = "" if language == "en" else f"{language}/"
    page_url = f"{base}{prefix}{page.removesuffix('.md')}/"
    source = project / "docs" / language / page
    original = source.read_text(encoding="utf-8")
    figures = ServeFigures(lists_timeout=timeout if lists_timeout is None else lists_timeout,
                           topic_pages=topic_pages(original, prefix) if describe else [])
    try:
        deadline = started + timeout
        while fetch(page_url) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(line for _, line in lines[-40:]))
            time.sleep(0.05)
        figures.initial = time.monotonic() - started
        figures.built = wait_for_log(lines, "Languages built", 0, timeout) - started  # every language's first build
        # The edit comes once the server is quiet: the search indexes every language in the background
        # after the first build (a rebuild would stop it, then index the rest after its own pages).
        indexed = wait_for_log(lines, "Search index:", 0, INDEXED_WAIT, required=False)
        figures.indexed = None if indexed is None else indexed - started
        time.sleep(SETTLE)  # let the file watcher take its first snapshot
        for number in range(1, edits + 1):
            stamp = time.time_ns()
            token, described = f"Benchmark edit {number} {stamp}", f"bench-description-{number}-{stamp}"
            mark = len(lines)
            changed = time.monotonic()
            source.write_text(edited_page(original, token, described if describe else None), encoding="utf-8")
            served, right = poll_edit(server, lines, page_url, token, [base + url for url in figures.topic_pages],
                                      described, changed, timeout, figures.lists_timeout)
            figures.edits.append(served)
            if describe:
                figures.lists.append(right)
            done = wait_for_log(lines, "Languages built", mark, timeout)
            figures.whole.append(max(done - changed, served))
            lists = "" if not describe else (f", topic pages right after {right:.2f} s" if right is not None
                                             else f", topic pages not right after {figures.lists_timeout:.0f} s")
            log(f"  serve{' --dirty' if dirty else ''} edit {number} of {language}/{page}: page served after "
                f"{served:.2f} s{lists}, every language rebuilt after {figures.whole[-1]:.2f} s, load {os.getloadavg()[0]:.1f}")
            if number < edits:
                time.sleep(SETTLE)  # the watcher's snapshot of this edit, before the next
    finally:
        stop_server(server)  # first: restoring the page under a running server would start one more rebuild
        source.write_text(original, encoding="utf-8")
        name = f"serve-{language}{'-dirty' if dirty else ''}.log"
        (project / name).write_text("".join(f"{stamp - started:8.3f} {line}\n" for stamp, line in lines), encoding="utf-8")
    return figures


def poll_edit(server: subprocess.Popen, lines, page_url: str, token: str, lists: list[str], described: str,
              changed: float, timeout: float, lists_timeout: float) -> tuple[float, float | None]:
    """Poll the edited page until it shows `token` and, meanwhile, the topic pages `lists` one after
    the other until each shows `described`: (seconds until the page was served, seconds until every
    topic page was right, or None if they were not within `lists_timeout`)."""
    served = right = None
    waiting = list(lists)
    while served is None or (waiting and time.monotonic() - changed <= lists_timeout):
        if server.poll() is not None:
            raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(line for _, line in lines[-40:]))
        if served is None:
            if token in (fetch(page_url) or ""):
                served = time.monotonic() - changed
            elif time.monotonic() - changed > timeout:
                raise RuntimeError("mkdocs serve never served the edit:\n" + "\n".join(l for _, l in lines[-40:]))
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
