"""Benchmark our multilingual build against the usual reference, and measure the real site.

    .venv/bin/python benchmarks/run.py [--articles N [N ...]] [--rounds R] [--reference-rounds R]
                                       [--skip-reference] [--skip-real] [--skip-serve] [--skip-cached]
                                       [--serve-cases CASE ...] [--serve-edits N] [--dirty-wait SECONDS] [--json FILE]
    .venv/bin/python benchmarks/run.py --prepare   # only create the reference venv (scripts/test.sh)

For each N of --articles:
1. Generates a corpus of N articles x every language of mkdocs.yml (benchmarks/generate.py).
2. Builds it, alternately, R times each (the reference --reference-rounds times), in a fresh
   process per build:
   - ours: a copy of our project (mkdocs.yml with the corpus nav, hooks/, overrides/, data/);
   - the reference: Material's tags plugin (a tags index page per language) + mkdocs-static-i18n
     1.3.1 (docs_structure: folder, every language, fallback_to_default: true), same MkDocs and
     Material, in its own virtual environment (benchmarks/.work/ref-venv, created on first use from
     benchmarks/requirements-reference.txt).
3. Weighs a French article's first view, first search and a later search in headless Chromium, as
   GitHub Pages would serve them (benchmarks/page_weight.py), for ours and the reference.
4. Builds our corpus project cold (no site/, no page cache .cache/), then again after an edit of
   docs/en/article-001.md, then after one of docs/fr/article-001.md: a second build against a cold one.
5. Runs `mkdocs serve` on our corpus project, once plain and once with --dirty; in each server, edits
   article-001.md once in English, then (once that is restored and rebuilt) once in French, its body
   and its description, and times each edit until the edited page is served and until its topic
   pages list the new description (benchmarks/serve_bench.py).
Then, once:
6. Builds our real site (a snapshot of docs/ and the project files) R times, runs `mkdocs serve` on
   a copy and edits docs/en/recovering-trust.md R times, and weighs a French chapter the same way.

Everything runs offline except the reference venv's first install (PyPI). Work files go to
benchmarks/.work/ (git-ignored). See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
REF_VENV = WORK / "ref-venv"
REF_REQUIREMENTS = HERE / "requirements-reference.txt"
PROJECT_FILES = ("mkdocs.yml", "hooks", "overrides", "data")
BENCH_SITE_URL = "https://example.github.io/bench/"
EDITED_PAGE = "recovering-trust.md"
CACHE_DIR = ".cache"  # the page cache, beside mkdocs.yml (issue 20): a build without it is a cold build
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import page_weight  # noqa: E402
import serve_bench  # noqa: E402
from serve_bench import ServeFigures, measure_serve  # noqa: E402

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
PROJECT_FROM = ROOT  # --project-from: take mkdocs.yml, hooks/, overrides/ and data/ from another checkout


def copy_project(dest: Path, docs: Path) -> None:
    """A copy of our project files with `docs` as its docs/ folder."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = (HOOKS_FROM if name == "hooks" and HOOKS_FROM != ROOT else PROJECT_FROM) / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    shutil.copytree(docs, dest / "docs")


def prepare_ours(dest: Path, corpus_docs: Path, names: list[str]) -> None:
    copy_project(dest, corpus_docs)
    config = dest / "mkdocs.yml"
    text = replace_nav(config.read_text(encoding="utf-8"), generate.nav_entries(names, "ours"))
    text, count = re.subn(r"(?m)^not_in_nav: \|\n", f"not_in_nav: |\n  {generate.NOT_IN_NAV}\n", text)
    if count != 1:
        raise SystemExit("benchmarks/run.py: could not find the not_in_nav: block of mkdocs.yml")
    config.write_text(text, encoding="utf-8")


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


class LoadSampler:
    """The machine's 1-minute load average, sampled every 5 s while the benchmark runs: the load before
    and after alone miss another session's build in between."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        thread = threading.Thread(target=self._sample, daemon=True)
        thread.start()

    def _sample(self) -> None:
        while True:
            self.samples.append(os.getloadavg()[0])
            time.sleep(5)


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


def build_once(figures: BuildFigures, python: str, project: Path, env: dict, log, cold: bool = True) -> None:
    """One `mkdocs build` of `project`: a cold one (no site folder, no page cache) or, not `cold`, a
    maintainer's next build, which finds both as the last build left them."""
    site = project / "site"
    for folder in (site, project / CACHE_DIR) if cold else ():
        if folder.exists():
            shutil.rmtree(folder)
    log_file = project / f"build-{re.sub(r'[^a-z0-9]+', '-', figures.name.lower())}-{len(figures.runs) + 1}.log"
    run = measure([python, "-m", "mkdocs", "build", "-d", str(site)], project, log_file, env)
    if run.returncode != 0:
        raise RuntimeError(f"{figures.name}: mkdocs build failed, see {log_file}:\n" + log_file.read_text()[-3000:])
    figures.runs.append(run)
    figures.pages, figures.files, figures.bytes = output_figures(site)
    log(f"  {figures.name:<10} round {len(figures.runs)}: {run.wall:6.2f} s wall, {run.cpu:6.2f} s CPU, "
        f"{run.maxrss_kb / 1024:6.0f} MB peak RSS, {run.tree_pss_kb / 1024:6.0f} MB tree PSS, load {os.getloadavg()[0]:.1f}")


# --------------------------------------------------------------------------------------------------
# A second build, with the page cache (issue 20)

EDITED_ARTICLE = generate.article_name(1)  # the corpus page that serve and the second build edit
EDITS = {"en": "English", "fr": "French"}  # the languages an edit is measured in


@dataclass
class CachedFigures:
    """Cold builds, each followed by a second build after an edit of `EDITED_ARTICLE` in each of
    `EDITS`: its body and its description (which the article's topic pages list)."""

    cold: BuildFigures
    edited: dict[str, BuildFigures]  # language edited -> the builds after that edit
    stale: dict[str, list[str]] = field(default_factory=dict)  # language -> pages a build left without the edit

    def ratio(self, code: str) -> float:
        return self.edited[code].wall / self.cold.wall


def pages_without_edit(site: Path, code: str, source: str, token: str, described: str) -> list[str]:
    """The pages of a built site that do not show an edit of `EDITED_ARTICLE` in language `code`: the
    article without its new body text, or one of its topic pages without its new description."""
    prefix = "" if code == "en" else f"{code}/"
    wanted = {f"{prefix}{EDITED_ARTICLE.removesuffix('.md')}/": token,
              **{url: described for url in serve_bench.topic_pages(source, prefix)}}
    stale = []
    for url, text in wanted.items():
        page = site / url / "index.html"
        if not page.exists() or text not in page.read_text(encoding="utf-8"):
            stale.append(url)
    return stale


def measure_cached(project: Path, rounds: int, env: dict, log) -> CachedFigures:
    """`rounds` times: a cold build of `project`, then a second build after an edit in each language
    of `EDITS` (one after the other, the site folder and the cache kept as the last build left them)."""
    figures = CachedFigures(BuildFigures("cold"), {code: BuildFigures(f"{code} edit") for code in EDITS})
    sources = {code: project / "docs" / code / EDITED_ARTICLE for code in EDITS}
    originals = {code: source.read_text(encoding="utf-8") for code, source in sources.items()}
    try:
        for number in range(1, rounds + 1):
            build_once(figures.cold, sys.executable, project, env, log)
            for code, source in sources.items():
                stamp = time.time_ns()
                token, described = f"Benchmark edit {number} {stamp}", f"bench-description-{number}-{stamp}"
                source.write_text(serve_bench.edited_page(originals[code], token, described), encoding="utf-8")
                build_once(figures.edited[code], sys.executable, project, env, log, cold=False)
                stale = pages_without_edit(project / "site", code, originals[code], token, described)
                figures.stale.setdefault(code, []).extend(stale)
                if stale:
                    log(f"  {code} edit round {number}: the build did not show the edit on " + ", ".join(stale))
    finally:
        for code, source in sources.items():
            source.write_text(originals[code], encoding="utf-8")
    return figures


# --------------------------------------------------------------------------------------------------
# `mkdocs serve` on the corpus (issue 20)


def measure_serve_cases(project: Path, cases: list[str], dirty_wait: float, log, edits: int = 1) -> dict[str, ServeFigures]:
    """The `cases` of SERVE_CASES, in its order, by one server per mode (plain `mkdocs serve`, then
    `--dirty`) that edits each of the mode's languages in turn: a server's start builds and indexes
    every language, most of the benchmark's CPU time, so two starts rather than one per case."""
    figures = {}
    for dirty in (False, True):
        chosen = [case for case in SERVE_CASES if case in cases and case.endswith("-dirty") == dirty]
        if not chosen:
            continue
        languages = [case.partition("-")[0] for case in chosen]
        edited = measure_serve(project, edits, log, page=EDITED_ARTICLE, languages=languages, timeout=3600, dirty=dirty,
                               describe=True, env=BASE_ENV, lists_timeout=dirty_wait if dirty else LISTS_TIMEOUT)
        figures.update({case: edited[code] for case, code in zip(chosen, languages)})
    return figures


# --------------------------------------------------------------------------------------------------
# Report

# The goals (benchmarks/README.md): a reader's bytes and waits, the build at N = 1,000.
FIRST_VIEW_KB, FIRST_SEARCH_KB, FIRST_SEARCH_MS = 150, 300, 1000
BUILD_RATIO, PEAK_MB, OUTPUT_MB, SERVE_S = 0.1, 1536, 600, 3.0
BUILD_RATIO_AT = 1000  # articles per language: the build-time goal holds from this size on
# Issue 20's goals: one saved edit under plain `mkdocs serve` (the page served, every page listing it
# right), and a second `mkdocs build` with one article edited against a cold one (at N = 1,000).
SERVE_PAGE_S, SERVE_LISTS_S, CACHED_RATIO = 1.5, 3.0, 0.25
SERVE_CASES = ("en", "fr", "en-dirty", "fr-dirty")  # the language edited; plain `mkdocs serve` or --dirty
LISTS_TIMEOUT = 600  # seconds plain `mkdocs serve`'s topic pages are waited for (--dirty: --dirty-wait)


def kb(value: int) -> str:
    return f"{value / 1024:.1f} KB"


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 0 else "none"


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


def mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


@dataclass
class CorpusFigures:
    """Everything measured for one N."""

    articles: int
    ours: BuildFigures
    reference: BuildFigures | None
    serve: dict[str, ServeFigures]  # SERVE_CASES measured -> one edit each
    weights: dict[str, page_weight.PageWeight]
    cached: CachedFigures | None = None


def build_table(ours: BuildFigures, ref: BuildFigures | None, title: str) -> str:
    rows = [[title, "ours", "reference" if ref else "reference (skipped)", "ours/reference"]]

    def row(label: str, value, unit: str = "", digits: int = 2) -> None:
        mine, theirs = value(ours), value(ref) if ref else None
        rows.append([label, f"{mine:.{digits}f}{unit}", f"{theirs:.{digits}f}{unit}" if ref else "-", ratio(mine, theirs)])

    row("wall time (median)", lambda b: b.wall, " s")
    row("wall time (best)", lambda b: min(r.wall for r in b.runs), " s")
    row("CPU time (median)", lambda b: b.cpu, " s")
    row("peak RSS (largest process)", lambda b: b.maxrss_mb, " MB", 0)
    row("peak PSS (process tree)", lambda b: b.tree_pss_mb, " MB", 0)
    row("pages built", lambda b: b.pages, "", 0)
    row("pages per second", lambda b: b.pages_per_second, "", 1)
    row("output size", lambda b: b.bytes / 1e6, " MB", 1)
    row("output files", lambda b: b.files, "", 0)
    rows.append(["wall times (s)", " ".join(f"{r.wall:.2f}" for r in ours.runs),
                 " ".join(f"{r.wall:.2f}" for r in ref.runs) if ref else "-", ""])
    return table(rows)


def weight_table(weights: dict[str, page_weight.PageWeight], title: str) -> str:
    names = list(weights)
    rows = [[title, *names]]
    for category in page_weight.CATEGORIES:
        rows.append([f"first view: {category}", *(kb(weights[n].first_view.bytes(category)) for n in names)])
    rows.append(["first view total", *(kb(weights[n].first_view.bytes()) for n in names)])
    rows.append(["first search total", *(kb(weights[n].first_search.bytes()) for n in names)])
    rows.append(["first search time", *(ms(weights[n].first_search_ms) for n in names)])
    rows.append(["later search total", *(kb(weights[n].later_search.bytes()) for n in names)])
    rows.append(["later search time", *(ms(weights[n].later_search_ms) for n in names)])
    rows.append(["requests (view, search, later)", *(
        f"{len(weights[n].first_view.requests)}, {len(weights[n].first_search.requests)}, "
        f"{len(weights[n].later_search.requests)}" for n in names)])
    rows.append(["search data languages", *(",".join(weights[n].search_languages) or "-" for n in names)])
    rows.append(["third-party requests", *(str(len(weights[n].external)) for n in names)])
    return table(rows)


def goals_table(corpora: list[CorpusFigures]) -> str:
    rows = [["goals (ours)", *(f"N = {c.articles}" for c in corpora), "target"]]

    def row(label: str, show, target: str) -> None:
        rows.append([label, *(show(c) for c in corpora), target])

    def reader(c: CorpusFigures):
        return c.weights["ours (corpus)"]

    row("first view", lambda c: f"{kb(reader(c).first_view.bytes())} {mark(reader(c).first_view.bytes() <= FIRST_VIEW_KB * 1024)}",
        f"<= {FIRST_VIEW_KB} KB")
    row("first search", lambda c: f"{kb(reader(c).first_search.bytes())} {mark(reader(c).first_search.bytes() <= FIRST_SEARCH_KB * 1024)}",
        f"<= {FIRST_SEARCH_KB} KB more")
    row("first search time", lambda c: f"{ms(reader(c).first_search_ms)} {mark(0 <= reader(c).first_search_ms <= FIRST_SEARCH_MS)}",
        f"<= {FIRST_SEARCH_MS} ms")
    row("search data of the page's language only", lambda c: f"{','.join(reader(c).search_languages)} "
        f"{mark(reader(c).search_languages == ['fr'])}", "fr")
    # The build-time goal is set at the library's size: at small N, fixed costs (starting the workers
    # and Pagefind) weigh more, so the ratio is shown there without a verdict.
    row("build wall time / reference", lambda c: "-" if not c.reference else
        f"{ratio(c.ours.wall, c.reference.wall)} {mark(c.ours.wall <= BUILD_RATIO * c.reference.wall)}"
        if c.articles >= BUILD_RATIO_AT else ratio(c.ours.wall, c.reference.wall),
        f"<= {BUILD_RATIO} (N = 1,000)")
    row("peak RSS (largest process)", lambda c: f"{c.ours.maxrss_mb:.0f} MB {mark(c.ours.maxrss_mb <= PEAK_MB)}",
        f"<= {PEAK_MB} MB")
    row("output size", lambda c: f"{c.ours.bytes / 1e6:.1f} MB {mark(c.ours.bytes / 1e6 <= OUTPUT_MB)}", f"<= {OUTPUT_MB} MB")
    row("serve: edit -> page served", lambda c: f"{c.serve['en-dirty'].edit:.2f} s {mark(c.serve['en-dirty'].edit <= SERVE_S)}"
        if "en-dirty" in c.serve else "-", f"<= {SERVE_S:.0f} s")
    return table(rows)


def case_label(case: str) -> str:
    code, _, dirty = case.partition("-")
    return f"{EDITS[code]} edit, mkdocs serve{' --dirty' if dirty else ''}"


def lists_figure(serve: ServeFigures) -> str:
    return f"{serve.lists_time:.2f} s" if serve.lists_right else f"not right after {serve.lists_timeout:.0f} s"


def serve_table(serve: dict[str, ServeFigures]) -> str:
    rows = [[f"corpus serve (ours), one edit of {EDITED_ARTICLE}", "page served", "its topic pages right",
             "every language rebuilt", "start -> every language built"]]
    for case, figures in serve.items():
        rows.append([case_label(case), f"{figures.edit:.2f} s", lists_figure(figures),
                     f"{statistics.median(figures.whole):.2f} s", f"{figures.built:.2f} s"])
    rows.append(["target (plain mkdocs serve)", f"<= {SERVE_PAGE_S} s", f"<= {SERVE_LISTS_S:.0f} s", "", ""])
    return table(rows)


def cached_table(cached: CachedFigures) -> str:
    rows = [[f"second build (ours), {EDITED_ARTICLE} edited", "wall time (median)", "CPU time", "/ cold",
             "pages built", "output"]]
    rows.append([f"cold build (no site/, no {CACHE_DIR}/)", f"{cached.cold.wall:.2f} s", f"{cached.cold.cpu:.2f} s",
                 "1.00", str(cached.cold.pages), ""])
    for code, builds in cached.edited.items():
        rows.append([f"after an {EDITS[code]} edit" if code == "en" else f"after a {EDITS[code]} edit",
                     f"{builds.wall:.2f} s", f"{builds.cpu:.2f} s", f"{cached.ratio(code):.2f}", str(builds.pages),
                     "STALE: " + " ".join(dict.fromkeys(cached.stale[code])) if cached.stale[code] else "shows the edit"])
    rows.append(["target", "", "", f"<= {CACHED_RATIO}", "", ""])
    return table(rows)


def serve_cache_goals_table(corpora: list[CorpusFigures]) -> str:
    """Issue 20's goals, for plain `mkdocs serve` and the second build."""
    rows = [["goals of issue 20 (ours)", *(f"N = {c.articles}" for c in corpora), "target"]]
    for code in EDITS:
        rows.append([f"serve: {EDITS[code]} edit -> page served", *(
            f"{c.serve[code].edit:.2f} s {mark(c.serve[code].edit <= SERVE_PAGE_S)}" if code in c.serve else "-"
            for c in corpora), f"<= {SERVE_PAGE_S} s"])
    for code in EDITS:
        rows.append([f"serve: {EDITS[code]} edit -> its topic pages right", *(
            f"{lists_figure(c.serve[code])} {mark(c.serve[code].lists_right and c.serve[code].lists_time <= SERVE_LISTS_S)}"
            if code in c.serve else "-" for c in corpora), f"<= {SERVE_LISTS_S:.0f} s"])
    for code in EDITS:
        def second(c: CorpusFigures) -> str:
            if not c.cached:
                return "-"
            shown = f"{c.cached.ratio(code):.2f}"
            if c.articles < BUILD_RATIO_AT:  # fixed costs weigh more at small N: the ratio, no verdict
                return shown + (" (stale output)" if c.cached.stale[code] else "")
            ok = c.cached.ratio(code) <= CACHED_RATIO and not c.cached.stale[code]
            return f"{shown} {mark(ok)}" + (" (stale output)" if c.cached.stale[code] else "")
        rows.append([f"second build, {EDITS[code]} edit / cold", *(second(c) for c in corpora),
                     f"<= {CACHED_RATIO} (N = 1,000)"])
    return table(rows)


def report(args, corpora: list[CorpusFigures], real: BuildFigures | None, serve: ServeFigures | None,
           real_weight: page_weight.PageWeight | None) -> str:
    out = []
    load = os.getloadavg()
    sizes = ", ".join(str(c.articles) for c in corpora)
    out.append(f"Benchmark: N = {sizes} articles x {len(site_languages())} languages, {args.rounds} round(s) of ours, "
               f"{args.reference_rounds} of the reference, alternating; {os.cpu_count()} CPUs; load average "
               f"before: {args.load_before:.2f}, after: {load[0]:.2f}, while it ran: median "
               f"{statistics.median(args.load.samples):.2f}, highest {max(args.load.samples):.2f}")
    for corpus in corpora:
        out += ["", f"== N = {corpus.articles} ==", ""]
        out.append(build_table(corpus.ours, corpus.reference, "corpus build"))
        out.append("")
        if corpus.cached:
            out += [cached_table(corpus.cached), ""]
        if corpus.serve:
            out += [serve_table(corpus.serve), ""]
        out.append(weight_table(corpus.weights, f"{READER_PAGE} (gzip as served)"))
    if real:
        out += ["", "== real site ==", ""]
        real_rows = [["real site", "figure", "target"],
                     ["full build (median)", f"{real.wall:.2f} s", "<= 10 s"],
                     ["full build CPU time (median)", f"{real.cpu:.2f} s", ""]]
        if serve:
            real_rows.append(["serve: first page served after start", f"{serve.initial:.2f} s", ""])
            real_rows.append(["serve rebuild, edit -> page served (median)", f"{serve.edit:.2f} s", "<= 3 s"])
            real_rows.append(["serve rebuild, edit -> every language rebuilt (median)", f"{statistics.median(serve.whole):.2f} s", ""])
            real_rows.append(["serve rebuild times (s)", " ".join(f"{t:.2f}" for t in serve.edits), ""])
        out.append(table(real_rows))
        if real_weight:
            out += ["", weight_table({"ours (real site)": real_weight}, f"{REAL_PAGE} (gzip as served)")]
    out += ["", serve_cache_goals_table(corpora), "", goals_table(corpora), ""]
    out.append("Wall and CPU time: of `mkdocs build` in a fresh process per build. Peak RSS: getrusage(RUSAGE_CHILDREN)"
               " ru_maxrss of that process tree (its largest single process). Peak PSS: the tree's summed proportional"
               " set size, sampled every 0.1 s from /proc/<pid>/smaps_rollup. Reader figures: body bytes the server sent,"
               " text gzip -6 as GitHub Pages sends it, headless Chromium with an empty cache (benchmarks/page_weight.py)."
               f" Second build: after an edit of {EDITED_ARTICLE}'s body and description, site/ and {CACHE_DIR}/ kept from the"
               " build before; its output checked for the edit. Serve: from the edit (file written, once every language"
               " was built and indexed) until the page showed its new text and its topic pages its new description,"
               " polled every 20 ms (the file watcher's 0.5 s polling included).")
    return "\n".join(out)


READER_PAGE = "fr/" + generate.article_name(1).removesuffix(".md") + "/"  # a French article, as in the issue
REAL_PAGE = "fr/" + EDITED_PAGE.removesuffix(".md") + "/"


def queries(code: str) -> tuple[str, str]:
    """Two words of the corpus in a language: a first search and a later one."""
    words = generate.vocabulary(code)
    return words[0], words[1]


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark our build against Material tags + mkdocs-static-i18n.")
    parser.add_argument("--articles", type=int, nargs="+", default=[100], help="articles per language, one or more N (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="builds of our project (and the real site), alternating (default 3)")
    parser.add_argument("--reference-rounds", type=int, help="builds of the reference (default: --rounds; 1 is enough at N = 1,000)")
    parser.add_argument("--skip-reference", action="store_true", help="build ours only (no reference venv)")
    parser.add_argument("--prepare", action="store_true", help="create (or refresh) the reference venv and stop: "
                        "scripts/test.sh installs it with the tests' other dependencies")
    parser.add_argument("--skip-real", action="store_true", help="skip the real site's build, serve and page figures")
    parser.add_argument("--skip-serve", action="store_true", help="skip `mkdocs serve` on the corpus")
    parser.add_argument("--serve-cases", nargs="+", choices=SERVE_CASES, default=list(SERVE_CASES),
                        help="which `mkdocs serve` runs on the corpus: the language edited, plain or --dirty (default: all)")
    parser.add_argument("--serve-edits", type=int, default=1, help="edits of each language under each server; "
                        "the figures are their medians (default 1: the file watcher's 0.5 s polling makes one edit noisy)")
    parser.add_argument("--dirty-wait", type=float, default=60, help="seconds `serve --dirty`'s topic pages are "
                        "waited for before they count as not right (default 60)")
    parser.add_argument("--skip-cached", action="store_true", help="skip the second builds (cold, then after an edit)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--work", type=Path, default=WORK, help=f"work folder (default {WORK}); the reference "
                        f"venv is always {REF_VENV}")
    parser.add_argument("--hooks-from", type=Path, help="use the hooks/ folder of this checkout (e.g. a git worktree "
                        "of an older commit) for ours and the real site, to measure a change")
    parser.add_argument("--project-from", type=Path, help="use mkdocs.yml, hooks/, overrides/ and data/ of this checkout "
                        "for ours and the real site (e.g. an older commit, for 'before' figures)")
    args = parser.parse_args()
    args.load_before = os.getloadavg()[0]
    args.load = LoadSampler()
    args.reference_rounds = args.reference_rounds or args.rounds
    global HOOKS_FROM, PROJECT_FROM
    if args.hooks_from:
        HOOKS_FROM = args.hooks_from.resolve()
    if args.project_from:
        PROJECT_FROM = args.project_from.resolve()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    languages = site_languages()
    ref_python = None if args.skip_reference else ensure_reference_venv(log)
    if args.prepare:
        return 0
    corpora = []
    for articles in args.articles:
        corpus = work / f"corpus-{articles}"
        if corpus.exists():
            shutil.rmtree(corpus)
        names = generate.generate(corpus / "docs", articles)
        log(f"Corpus: {len(names)} pages x {len(languages)} languages in {corpus}")
        ours_project = work / "ours"
        prepare_ours(ours_project, corpus / "docs", names)
        ours = BuildFigures("ours")
        reference = None
        if ref_python:
            ref_project = work / "reference"
            prepare_reference(ref_project, corpus / "docs", names, languages)
            reference = BuildFigures("reference")
        ours_env = {**BASE_ENV, "SITE_URL": BENCH_SITE_URL}
        for round_number in range(max(args.rounds, args.reference_rounds if reference else 0)):
            if round_number < args.rounds:
                build_once(ours, sys.executable, ours_project, ours_env, log)
            if reference and round_number < args.reference_rounds:
                build_once(reference, str(ref_python), ref_project, BASE_ENV, log)
        first, later = queries("fr")
        weights = {"ours (corpus)": page_weight.measure(ours_project / "site", READER_PAGE, first, later)}
        if reference:
            weights["reference (corpus)"] = page_weight.measure(ref_project / "site", READER_PAGE, first, later)
        cached = None if args.skip_cached else measure_cached(ours_project, args.rounds, ours_env, log)
        serve_cases = {} if args.skip_serve else measure_serve_cases(ours_project, args.serve_cases, args.dirty_wait, log,
                                                                         args.serve_edits)
        corpora.append(CorpusFigures(articles, ours, reference, serve_cases, weights, cached))

    real = serve = real_weight = None
    if not args.skip_real:
        real_project = work / "real"
        copy_project(real_project, ROOT / "docs")
        real = BuildFigures("real site")
        for _ in range(args.rounds):
            build_once(real, sys.executable, real_project, BASE_ENV, log)
        real_weight = page_weight.measure(real_project / "site", REAL_PAGE, "confiance", "pardon")
        serve_project = work / "serve"
        copy_project(serve_project, ROOT / "docs")
        serve = measure_serve(serve_project, args.rounds, log, page=EDITED_PAGE, languages=["en"], env=BASE_ENV)["en"]

    print(report(args, corpora, real, serve, real_weight), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures_json(args, corpora, real, serve, real_weight), indent=2), encoding="utf-8")
    return 0


def builds_json(build: BuildFigures) -> dict:
    return {"wall": build.wall, "cpu": build.cpu, "maxrss_mb": build.maxrss_mb, "tree_pss_mb": build.tree_pss_mb,
            "pages": build.pages, "pages_per_second": build.pages_per_second, "bytes": build.bytes,
            "files": build.files, "runs": [asdict(r) for r in build.runs]}


def weight_json(weight: page_weight.PageWeight) -> dict:
    steps = {name: {"bytes": getattr(weight, name).bytes(), "requests": getattr(weight, name).requests,
                    "by_category": {c: getattr(weight, name).bytes(c) for c in page_weight.CATEGORIES}}
             for name in ("first_view", "first_search", "later_search")}
    return {**steps, "first_search_ms": weight.first_search_ms, "later_search_ms": weight.later_search_ms,
            "search_languages": weight.search_languages, "external": weight.external}


def cached_json(cached: CachedFigures) -> dict:
    return {"cold": builds_json(cached.cold), "edited": {code: builds_json(b) for code, b in cached.edited.items()},
            "ratio": {code: cached.ratio(code) for code in cached.edited}, "stale": cached.stale}


def figures_json(args, corpora, real, serve, real_weight) -> dict:
    return {
        "rounds": args.rounds, "reference_rounds": args.reference_rounds, "load_before": args.load_before,
        "load_after": os.getloadavg()[0], "load_samples": args.load.samples,
        "corpora": {str(c.articles): {
            "builds": {b.name: builds_json(b) for b in (c.ours, c.reference) if b},
            "serve": {case: asdict(figures) for case, figures in c.serve.items()},
            "cached": cached_json(c.cached) if c.cached else None,
            "pages": {name: weight_json(w) for name, w in c.weights.items()},
        } for c in corpora},
        "real": {"build": builds_json(real) if real else None, "serve": asdict(serve) if serve else None,
                 "page": weight_json(real_weight) if real_weight else None},
    }


if __name__ == "__main__":
    sys.exit(main())
