"""Benchmark our multilingual build against the usual reference, and measure the real site.

    .venv/bin/python benchmarks/run.py [--articles N] [--rounds R] [--skip-reference] [--json FILE]

1. Generates a corpus of N articles x every language of mkdocs.yml (benchmarks/generate.py).
2. Builds it, alternately, R times each, in a fresh process per build:
   - ours: a copy of our project (mkdocs.yml with the corpus nav, hooks/, overrides/, data/);
   - the reference: Material's tags plugin (a tags index page per language) + mkdocs-static-i18n
     1.3.1 (docs_structure: folder, every language, fallback_to_default: true), same MkDocs and
     Material, in its own virtual environment (benchmarks/.work/ref-venv, created on first use from
     benchmarks/requirements-reference.txt).
3. Builds our real site (a snapshot of docs/ and the project files) R times.
4. Runs `mkdocs serve` on a copy of the real site, edits docs/en/recovering-trust.md R times and
   times each change until the edited page is served with the new text.
5. Weighs a chapter's first view (gzip bytes of everything the page loads) for ours and the
   reference (corpus) and for our real site.

Everything runs offline except the reference venv's first install (PyPI). Work files go to
benchmarks/.work/ (git-ignored). See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
REF_VENV = WORK / "ref-venv"
REF_REQUIREMENTS = HERE / "requirements-reference.txt"
PROJECT_FILES = ("mkdocs.yml", "hooks", "overrides", "data")
BENCH_SITE_URL = "https://example.github.io/bench/"
EDITED_PAGE = "recovering-trust.md"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

# Benchmark builds are not deploy builds (which refuse placeholder addresses such as BENCH_SITE_URL).
BASE_ENV = {**{k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"},
            "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}

# Runs one command in this fresh process and reports its wall time and resource use. The resource
# use of the command's whole process tree (the command and every child it waited for, e.g. our
# language workers) is getrusage(RUSAGE_CHILDREN): ru_maxrss is the peak RSS of the largest single
# process of the tree, ru_utime + ru_stime the CPU time of all of them.
MEASURE = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
with open(sys.argv[1], "wb") as log:
    code = subprocess.call(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": code, "wall": wall, "maxrss_kb": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""


# --------------------------------------------------------------------------------------------------
# Projects


def replace_nav(mkdocs_yml: str, entries: list[str]) -> str:
    """Our mkdocs.yml with its `nav:` block replaced by `entries`."""
    nav = "nav:\n" + "".join(f"  - {entry}\n" for entry in entries)
    text, count = re.subn(r"(?m)^nav:[ \t]*\n(?:(?:[ \t]+.*)?\n)*", nav, mkdocs_yml)
    if count != 1:
        raise SystemExit("benchmarks/run.py: could not find the nav: block of mkdocs.yml")
    return text


HOOKS_FROM = ROOT  # --hooks-from: take hooks/ from another checkout (before/after comparisons)


def copy_project(dest: Path, docs: Path) -> None:
    """A copy of our project files with `docs` as its docs/ folder."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = (HOOKS_FROM if name == "hooks" else ROOT) / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    shutil.copytree(docs, dest / "docs")


def prepare_ours(dest: Path, corpus_docs: Path, names: list[str]) -> None:
    copy_project(dest, corpus_docs)
    config = dest / "mkdocs.yml"
    config.write_text(replace_nav(config.read_text(encoding="utf-8"), generate.nav_entries(names, "ours")), encoding="utf-8")


def reference_config(languages: list[dict], nav: list[str]) -> str:
    """The reference's mkdocs.yml: our theme settings and Markdown extensions, Material's tags plugin,
    mkdocs-static-i18n with one folder per language and fallback to the default language."""
    lines = [
        "site_name: Benchmark corpus",
        f"site_url: {BENCH_SITE_URL}",
        "docs_dir: docs",
        "theme:",
        "  name: material",
        f"  language: {languages[0]['material']}",
        "  font: false",
        "  features: [navigation.footer, navigation.top, search.highlight]",
        "  palette: {scheme: default, primary: indigo, accent: indigo}",
        "plugins:",
        "  - search",
        "  - tags",
        "  - i18n:",
        "      docs_structure: folder",
        "      fallback_to_default: true",
        "      reconfigure_material: true",
        "      reconfigure_search: true",
        "      languages:",
    ]
    for position, language in enumerate(languages):
        default = ", default: true" if position == 0 else ""
        lines.append(f"        - {{locale: {language['material']}, name: {language['name']}, build: true{default}}}")
    lines += [
        "markdown_extensions: [admonition, attr_list, footnotes, md_in_html, {toc: {permalink: true}}]",
        "nav:",
        *(f"  - {entry}" for entry in nav),
    ]
    return "\n".join(lines) + "\n"


def prepare_reference(dest: Path, corpus_docs: Path, names: list[str], languages: list[dict]) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(corpus_docs, dest / "docs")
    for language in languages:  # the tags index of each language: Material's listing of every tag
        (dest / "docs" / language["code"] / "tags.md").write_text(
            "---\ntitle: Tags\n---\n\n# Tags\n\n<!-- material/tags -->\n", encoding="utf-8"
        )
    (dest / "mkdocs.yml").write_text(reference_config(languages, generate.nav_entries(names, "reference")), encoding="utf-8")


def site_languages() -> list[dict]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["extra"]["languages"]


def ensure_reference_venv(log) -> Path:
    """The reference's own venv, created (or refreshed when the requirements change) with pip."""
    python = REF_VENV / "bin" / "python"
    wanted = hashlib.sha256(REF_REQUIREMENTS.read_bytes()).hexdigest()
    marker = REF_VENV / ".requirements-sha256"
    if python.exists() and marker.exists() and marker.read_text().strip() == wanted:
        return python
    log(f"Creating the reference venv in {REF_VENV} (pip install -r {REF_REQUIREMENTS.name}) ...")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(REF_VENV)], check=True)
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(REF_REQUIREMENTS)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pip install for the reference failed:\n{result.stdout}\n{result.stderr}")
    marker.write_text(wanted + "\n")
    return python


# --------------------------------------------------------------------------------------------------
# Measuring builds


@dataclass
class Run:
    wall: float
    cpu: float
    maxrss_kb: int
    tree_pss_kb: int
    returncode: int


@dataclass
class BuildFigures:
    name: str
    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    bytes: int = 0

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def maxrss_mb(self) -> float:
        return max(run.maxrss_kb for run in self.runs) / 1024

    @property
    def tree_pss_mb(self) -> float:
        return max(run.tree_pss_kb for run in self.runs) / 1024

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    return tree


def tree_pss_kb(root: int) -> int:
    """Summed proportional set size (shared pages split between sharers) of a process tree."""
    total = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def measure(command: list[str], cwd: Path, log_file: Path, env: dict) -> Run:
    """Run `command` in a fresh measuring process; sample its tree's PSS every 0.1 s meanwhile."""
    process = subprocess.Popen(
        [sys.executable, "-c", MEASURE, str(log_file), *command], cwd=cwd, env=env,
        stdout=subprocess.PIPE, text=True,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_pss_kb(process.pid))
        time.sleep(0.1)
    report = json.loads(process.stdout.read())
    return Run(report["wall"], report["cpu"], report["maxrss_kb"], peak, report["returncode"])


def output_figures(site: Path) -> tuple[int, int, int]:
    """(HTML pages other than 404 pages, files, bytes) of a built site."""
    pages = files = size = 0
    for path in site.rglob("*"):
        if path.is_file():
            files += 1
            size += path.stat().st_size
            if path.suffix == ".html" and path.name != "404.html":
                pages += 1
    return pages, files, size


def build_once(figures: BuildFigures, python: str, project: Path, env: dict, log) -> None:
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    log_file = project / f"build-{len(figures.runs) + 1}.log"
    run = measure([python, "-m", "mkdocs", "build", "-d", str(site)], project, log_file, env)
    if run.returncode != 0:
        raise RuntimeError(f"{figures.name}: mkdocs build failed, see {log_file}:\n" + log_file.read_text()[-3000:])
    figures.runs.append(run)
    figures.pages, figures.files, figures.bytes = output_figures(site)
    log(f"  {figures.name:<10} round {len(figures.runs)}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU, "
        f"{run.maxrss_kb / 1024:6.0f} MB peak RSS, {run.tree_pss_kb / 1024:6.0f} MB tree PSS")


# --------------------------------------------------------------------------------------------------
# mkdocs serve


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
    edits: list[float] = field(default_factory=list)  # change -> edited page served with the new text
    whole: list[float] = field(default_factory=list)  # change -> every language rebuilt (from the log)
    initial: float = 0.0  # start -> first page served

    @property
    def edit(self) -> float:
        return statistics.median(self.edits)


def measure_serve(project: Path, edits: int, log) -> ServeFigures:
    """Start `mkdocs serve` on a copy of the real site, edit one English chapter `edits` times."""
    port = free_port()
    env = {**BASE_ENV, "SITE_URL": f"http://127.0.0.1:{port}/"}
    lines: list[tuple[float, str]] = []
    started = time.monotonic()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )

    def read_output() -> None:
        for line in server.stdout:
            lines.append((time.monotonic(), line.rstrip()))

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    figures = ServeFigures()
    page_url = f"http://127.0.0.1:{port}/{EDITED_PAGE.removesuffix('.md')}/"
    source = project / "docs" / "en" / EDITED_PAGE
    original = source.read_text(encoding="utf-8")
    try:
        deadline = started + 300
        while fetch(page_url) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(line for _, line in lines[-40:]))
            time.sleep(0.05)
        figures.initial = time.monotonic() - started
        wait_for_log(lines, "Languages built", 0, 300)  # the first build of every language is done
        time.sleep(1.0)  # let the file watcher (polling, every 0.5 s) take its first snapshot
        for number in range(1, edits + 1):
            token = f"Benchmark edit {number} {time.time_ns()}"
            mark = len(lines)
            changed = time.monotonic()
            source.write_text(original + f"\n{token}.\n", encoding="utf-8")
            while token not in (fetch(page_url) or ""):
                if server.poll() is not None or time.monotonic() - changed > 300:
                    raise RuntimeError("mkdocs serve never served the edit:\n" + "\n".join(l for _, l in lines[-40:]))
                time.sleep(0.02)
            figures.edits.append(time.monotonic() - changed)
            done = wait_for_log(lines, "Languages built", mark, 300)
            figures.whole.append(max(done - changed, figures.edits[-1]))
            log(f"  serve edit {number}: page served after {figures.edits[-1]:.2f} s, "
                f"every language rebuilt after {figures.whole[-1]:.2f} s")
            time.sleep(1.0)
    finally:
        source.write_text(original, encoding="utf-8")
        stop_server(server)
        (project / "serve.log").write_text("".join(f"{stamp - started:8.3f} {line}\n" for stamp, line in lines), encoding="utf-8")
    return figures


def wait_for_log(lines: list[tuple[float, str]], text: str, start: int, seconds: float) -> float:
    """The time of the first log line from index `start` on that contains `text`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for stamp, line in lines[start:]:
            if text in line:
                return stamp
        time.sleep(0.02)
    raise RuntimeError(f"mkdocs serve never logged {text!r}:\n" + "\n".join(l for _, l in lines[-40:]))


def stop_server(server: subprocess.Popen) -> None:
    """Stop the `mkdocs serve` we started (Ctrl-C, so it cleans up), then its session if needed."""
    import signal

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


# --------------------------------------------------------------------------------------------------
# Page weight


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.other: list[str] = []
        self._in_config = False
        self.config = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and attrs.get("href"):
            self.css.append(attrs["href"])
        elif tag == "link" and "icon" in rel and attrs.get("href"):
            self.other.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])
        elif tag == "script" and attrs.get("id") == "__config":
            self._in_config = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config += data


FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot)(?:[?#][^'\")]*)?)['\"]?\s*\)")
CATEGORIES = ("HTML", "CSS", "JS", "search index", "fonts", "other")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def is_local(href: str) -> bool:
    return not re.match(r"^[a-z]+:|^//", href)


def resolve(site: Path, base: Path, href: str) -> Path:
    href = href.split("#", 1)[0].split("?", 1)[0]
    return Path(os.path.normpath(base / href)) if not href.startswith("/") else site / href.lstrip("/")


@dataclass
class Weight:
    bytes: dict[str, int]
    files: dict[str, list[str]]
    external: list[str]
    search_languages: list[str]
    search_docs: int

    @property
    def total(self) -> int:
        return sum(self.bytes.values())


def first_view(site: Path, page: str) -> Weight:
    """Gzip bytes of everything a first view of `page` (a site path such as `article-001/`) loads:
    the HTML, its stylesheets and scripts, Material's search worker and the lunr language scripts it
    imports for the index's languages, the search index (fetched on load), fonts the CSS points to,
    and the favicon."""
    html_file = site / page / "index.html" if page.endswith("/") or page == "" else site / page
    base = html_file.parent
    parser = _Resources()
    html = html_file.read_bytes()
    parser.feed(html.decode("utf-8"))
    loads: dict[str, list[Path]] = {category: [] for category in CATEGORIES}
    external: list[str] = []
    loads["HTML"].append(html_file)
    for category, hrefs in (("CSS", parser.css), ("JS", parser.js), ("other", parser.other)):
        for href in hrefs:
            (loads[category].append(resolve(site, base, href)) if is_local(href) else external.append(href))
    config = json.loads(parser.config) if parser.config.strip() else {}
    languages: list[str] = []
    docs = 0
    if config.get("search"):
        worker = resolve(site, base, config["search"])
        loads["JS"].append(worker)
        index_file = resolve(site, base, config.get("base", ".")) / "search" / "search_index.json"
        loads["search index"].append(index_file)
        index = json.loads(index_file.read_text(encoding="utf-8"))
        languages = list(index["config"]["lang"])
        docs = len(index["docs"])
        lunr = worker.parent.parent / "lunr"
        imported = []
        for language in languages:  # what Material's search worker imports (importScripts)
            if language == "ja":
                imported.append(lunr / "tinyseg.js")
            elif language in ("hi", "th"):
                imported.append(lunr / "wordcut.js")
            if language != "en":
                imported.append(lunr / "min" / f"lunr.{language}.min.js")
        if len(languages) > 1:
            imported.append(lunr / "min" / "lunr.multi.min.js")
        if imported:
            imported.insert(0, lunr / "min" / "lunr.stemmer.support.min.js")
        loads["JS"].extend(imported)
    for css in list(loads["CSS"]):
        for href in FONT_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            (loads["fonts"].append(resolve(site, css.parent, href)) if is_local(href) else external.append(href))
    sizes = {category: sum(gzip_size(path.read_bytes()) for path in paths) for category, paths in loads.items()}
    names = {category: [str(path.relative_to(site)) for path in paths] for category, paths in loads.items()}
    return Weight(sizes, names, external, languages, docs)


# --------------------------------------------------------------------------------------------------
# Report


def kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row[1:], 1)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def ratio(ours: float, reference: float | None) -> str:
    return f"{ours / reference:.2f}" if reference else "-"


def report(args, ours: BuildFigures, reference: BuildFigures | None, real: BuildFigures | None,
           serve: ServeFigures | None, weights: dict[str, Weight]) -> str:
    out = []
    load = os.getloadavg()
    out.append(f"Benchmark: {args.articles} articles x {len(site_languages())} languages, {args.rounds} "
               f"round(s) each, alternating; {os.cpu_count()} CPUs; load average before: {args.load_before:.2f}, "
               f"after: {load[0]:.2f}")
    out.append("")
    ref = reference
    rows = [["corpus build", "ours", "reference" if ref else "reference (skipped)", "ours/reference"]]
    rows.append(["wall time (median)", f"{ours.wall:.2f} s", f"{ref.wall:.2f} s" if ref else "-", ratio(ours.wall, ref and ref.wall)])
    rows.append(["wall time (best)", f"{min(r.wall for r in ours.runs):.2f} s",
                 f"{min(r.wall for r in ref.runs):.2f} s" if ref else "-",
                 ratio(min(r.wall for r in ours.runs), ref and min(r.wall for r in ref.runs))])
    rows.append(["CPU time (median)", f"{ours.cpu:.2f} s", f"{ref.cpu:.2f} s" if ref else "-", ratio(ours.cpu, ref and ref.cpu)])
    rows.append(["peak RSS (largest process)", f"{ours.maxrss_mb:.0f} MB", f"{ref.maxrss_mb:.0f} MB" if ref else "-",
                 ratio(ours.maxrss_mb, ref and ref.maxrss_mb)])
    rows.append(["peak PSS (process tree)", f"{ours.tree_pss_mb:.0f} MB", f"{ref.tree_pss_mb:.0f} MB" if ref else "-",
                 ratio(ours.tree_pss_mb, ref and ref.tree_pss_mb)])
    rows.append(["pages built", f"{ours.pages}", f"{ref.pages}" if ref else "-", ratio(ours.pages, ref and ref.pages)])
    rows.append(["pages per second", f"{ours.pages_per_second:.1f}", f"{ref.pages_per_second:.1f}" if ref else "-",
                 ratio(ours.pages_per_second, ref and ref.pages_per_second)])
    rows.append(["output size", f"{ours.bytes / 1e6:.1f} MB", f"{ref.bytes / 1e6:.1f} MB" if ref else "-",
                 ratio(ours.bytes, ref and ref.bytes)])
    rows.append(["output files", f"{ours.files}", f"{ref.files}" if ref else "-", ratio(ours.files, ref and ref.files)])
    rows.append(["wall times (s)", " ".join(f"{r.wall:.2f}" for r in ours.runs),
                 " ".join(f"{r.wall:.2f}" for r in ref.runs) if ref else "-", ""])
    out.append(table(rows))
    out.append("")
    real_rows = [["real site", "figure", "target"]]
    if real:
        real_rows.append(["full build (median)", f"{real.wall:.2f} s", "<= 10 s"])
        real_rows.append(["full build CPU time (median)", f"{real.cpu:.2f} s", ""])
    if serve:
        real_rows.append(["serve: first page served after start", f"{serve.initial:.2f} s", ""])
        real_rows.append(["serve rebuild, edit -> page served (median)", f"{serve.edit:.2f} s", "<= 3 s"])
        real_rows.append(["serve rebuild, edit -> every language rebuilt (median)", f"{statistics.median(serve.whole):.2f} s", ""])
        real_rows.append(["serve rebuild times (s)", " ".join(f"{t:.2f}" for t in serve.edits), ""])
    if len(real_rows) > 1:
        out.append(table(real_rows))
        out.append("")
    if weights:
        names = list(weights)
        rows = [["chapter first view (gzip -6)", *names]]
        for category in CATEGORIES:
            rows.append([category, *(kb(weights[name].bytes[category]) for name in names)])
        rows.append(["total", *(kb(weights[name].total) for name in names)])
        rows.append(["search index languages", *(",".join(weights[name].search_languages) or "-" for name in names)])
        rows.append(["search index entries", *(str(weights[name].search_docs) for name in names)])
        rows.append(["third-party requests", *(str(len(weights[name].external)) for name in names)])
        out.append(table(rows))
        out.append("(target: a chapter's first view <= 150 KB gzip, with a search index of its own language only)")
    out.append("")
    out.append("Wall and CPU time: of `mkdocs build` in a fresh process per build. Peak RSS: getrusage(RUSAGE_CHILDREN)"
               " ru_maxrss of that process tree (its largest single process). Peak PSS: the tree's summed proportional"
               " set size, sampled every 0.1 s from /proc/<pid>/smaps_rollup. Target: ours <= 0.5 x reference wall time.")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark our build against Material tags + mkdocs-static-i18n.")
    parser.add_argument("--articles", type=int, default=100, help="articles per language (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="builds of each project, alternating (default 3)")
    parser.add_argument("--skip-reference", action="store_true", help="build ours only (no reference venv)")
    parser.add_argument("--skip-real", action="store_true", help="skip the real site's build and serve figures")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--work", type=Path, default=WORK, help=f"work folder (default {WORK}); the reference "
                        f"venv is always {REF_VENV}")
    parser.add_argument("--hooks-from", type=Path, help="use the hooks/ folder of this checkout (e.g. a git worktree "
                        "of an older commit) for ours and the real site, to measure a change")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    global HOOKS_FROM
    if args.hooks_from:
        HOOKS_FROM = args.hooks_from.resolve()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    languages = site_languages()
    corpus = work / f"corpus-{args.articles}"
    if corpus.exists():
        shutil.rmtree(corpus)
    names = generate.generate(corpus / "docs", args.articles)
    log(f"Corpus: {len(names)} pages x {len(languages)} languages in {corpus}")

    ours_project = work / "ours"
    prepare_ours(ours_project, corpus / "docs", names)
    ours = BuildFigures("ours")
    reference = None
    if not args.skip_reference:
        ref_python = ensure_reference_venv(log)
        ref_project = work / "reference"
        prepare_reference(ref_project, corpus / "docs", names, languages)
        reference = BuildFigures("reference")
    ours_env = {**BASE_ENV, "SITE_URL": BENCH_SITE_URL}
    for _ in range(args.rounds):
        build_once(ours, sys.executable, ours_project, ours_env, log)
        if reference:
            build_once(reference, str(ref_python), ref_project, BASE_ENV, log)

    chapter = generate.article_name(1).removesuffix(".md") + "/"
    weights = {"ours (corpus)": first_view(ours_project / "site", chapter)}
    if reference:
        weights["reference (corpus)"] = first_view(ref_project / "site", chapter)

    real = serve = None
    if not args.skip_real:
        real_project = work / "real"
        copy_project(real_project, ROOT / "docs")
        real = BuildFigures("real site")
        for _ in range(args.rounds):
            build_once(real, sys.executable, real_project, BASE_ENV, log)
        weights["ours (real site)"] = first_view(real_project / "site", EDITED_PAGE.removesuffix(".md") + "/")
        serve_project = work / "serve"
        copy_project(serve_project, ROOT / "docs")
        serve = measure_serve(serve_project, args.rounds, log)

    print(report(args, ours, reference, real, serve, weights), flush=True)
    if args.json:
        figures = {
            "articles": args.articles, "rounds": args.rounds,
            "builds": {b.name: {"wall": b.wall, "cpu": b.cpu, "maxrss_mb": b.maxrss_mb, "tree_pss_mb": b.tree_pss_mb,
                                "pages": b.pages, "pages_per_second": b.pages_per_second, "bytes": b.bytes,
                                "files": b.files, "runs": [asdict(r) for r in b.runs]}
                       for b in (ours, reference, real) if b},
            "serve": asdict(serve) if serve else None,
            "first_view": {name: {**asdict(w), "total": w.total} for name, w in weights.items()},
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
