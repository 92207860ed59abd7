"""Smoke test of the build benchmark (benchmarks/run.py): 2 articles x 12 languages, one round.

Runs the whole benchmark as a maintainer would: it creates (or reuses) the reference's own venv
(benchmarks/.work/ref-venv, pip from PyPI), builds the corpus with ours and with the reference,
reads a French article's first view and searches in Chromium, builds the corpus cold and again after
an English and a French edit, times `mkdocs serve` (plain and --dirty) after an English and a French
edit until the page and its topic pages show it, then does the same for the real site, and prints
tables. It mostly waits, so it runs in
the background beside the other tests (tests/benchmark_support.py). The test parses its tables and
checks every figure is there, is a number within sane bounds and agrees with the other tables, and
that each goal's verdict is the one its figure and printed target give. It asserts no speed: the
benchmark reports targets met or missed, a test does not time the machine it runs on. The verdicts
themselves, ok and MISSED, are checked on figures made up for the purpose.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys

from conftest import ROOT

NUMBER = r"([0-9]+(?:\.[0-9]+)?)"


def figures(output: str, label: str, count: int, unit: str = "") -> list[float]:
    """The numbers on the table row that starts with `label`."""
    suffix = rf"\s*{unit}" if unit else ""
    pattern = rf"^{re.escape(label)}" + "".join(rf"\s+{NUMBER}{suffix}" for _ in range(count))
    match = re.search(pattern, output, re.MULTILINE)
    assert match, f"no row {label!r} with {count} figure(s) in:\n{output}"
    return [float(value) for value in match.groups()]


GOALS = ["first view", "first search", "first search time", "search data of the page's language only",
         "build wall time / reference", "peak RSS (largest process)", "output size", "serve: edit -> page served"]
UNITS = r"(KB|MB|ms|s)"
# Half the last printed digit of each unit: a figure this close to its target may be rounded onto it.
ROUNDING = {"KB": 0.05, "MB": 0.5, "ms": 0.5, "s": 0.005}


def table_rows(output: str, title: str) -> dict[str, list[str]]:
    """The (last) table whose header starts with `title`: each row's cells after its label, split on
    runs of two spaces or more, as the table is laid out."""
    table = output[output.rindex("\n" + title):].split("\n\n", 1)[0].splitlines()[3:]
    rows = {}
    for line in table:
        label, *cells = re.split(r"\s{2,}", line.strip())
        rows[label] = cells
    return rows


def goals(output: str) -> dict[str, list[str]]:
    """The goals table of issue 12 (the last table of the printout)."""
    return table_rows(output, "goals (ours)")


SERVE_CASES = ["English edit, mkdocs serve", "French edit, mkdocs serve",
               "English edit, mkdocs serve --dirty", "French edit, mkdocs serve --dirty"]
SERVE_GOALS = ["serve: English edit -> page served", "serve: French edit -> page served",
               "serve: English edit -> its topic pages right", "serve: French edit -> its topic pages right"]
CACHED_GOALS = ["second build, English edit / cold", "second build, French edit / cold"]
NOT_RIGHT = rf"not right after {NUMBER} s"


def seconds(cell: str) -> float:
    """A time of the serve table: `1.23 s`."""
    match = re.fullmatch(rf"{NUMBER} s", cell)
    assert match, f"no time in {cell!r}"
    return float(match.group(1))


def lists_time(cell: str) -> float | None:
    """The topic pages' time of the serve table: `2.10 s`, or None for `not right after 60 s`."""
    if re.fullmatch(NOT_RIGHT, cell):
        return None
    return seconds(cell)


def checked_serve_goal(cells: list[str]) -> float | None:
    """An issue 20 serve goal's figure (None: not right within the time waited), once its verdict is
    found true to its target; "not right" is always MISSED."""
    shown, target = cells
    never = re.fullmatch(rf"{NOT_RIGHT} (ok|MISSED)", shown)
    if never:
        assert re.fullmatch(rf"<= {NUMBER} s", target) and never.group(2) == "MISSED", f"{shown} against {target}"
        return None
    return checked_goal(cells)[0]


def checked_cached_goal(cells: list[str], verdict: bool) -> float:
    """A second build's ratio to the cold build; with `verdict` (N = 1,000 on), `ok` or `MISSED` as
    its target gives, and MISSED whatever the ratio if the build did not show the edit."""
    shown, target = cells
    limit = re.fullmatch(rf"<= {NUMBER} \(N = 1,000\)", target)
    assert limit, target
    match = re.fullmatch(rf"{NUMBER}( ok| MISSED)?( \(stale output\))?", shown)
    assert match and bool(match.group(2)) == verdict, f"{shown!r} (a verdict: {verdict})"
    figure = float(match.group(1))
    if verdict and abs(figure - float(limit.group(1))) > 0.005:
        wanted = "ok" if figure <= float(limit.group(1)) and not match.group(3) else "MISSED"
        assert match.group(2).strip() == wanted, f"{shown} against {target}"
    return figure


def checked_goal(cells: list[str]) -> tuple[float, str]:
    """A goal's figure and unit, once its verdict (`ok` or `MISSED`) is found true to the printed
    target (`<= 150 KB`, `<= 300 KB more`): ok if the figure is within it, MISSED if not."""
    shown, target = cells
    match = re.fullmatch(rf"{NUMBER} {UNITS} (ok|MISSED)", shown)
    assert match, f"no figure, unit and verdict in {shown!r}"
    limit = re.fullmatch(rf"<= {NUMBER} {UNITS}( more)?", target)
    assert limit and limit.group(2) == match.group(2), f"target {target!r} is not in the figure's unit ({shown!r})"
    figure, unit, verdict, bound = float(match.group(1)), match.group(2), match.group(3), float(limit.group(1))
    if abs(figure - bound) > ROUNDING[unit]:
        assert verdict == ("ok" if figure <= bound else "MISSED"), f"{shown} against {target}"
    return figure, unit


def test_benchmark_runs_and_prints_every_figure(benchmark_run):
    result = benchmark_run.result()  # started in the background as the tests were collected
    output = result.stdout
    assert result.returncode == 0, f"{result.stdout}{result.stderr}\n(its work: {benchmark_run.folder})"

    ours_wall, reference_wall, wall_ratio = figures(output, "wall time (median)", 3, "s?")
    assert ours_wall > 0 and reference_wall > 0
    assert abs(wall_ratio - ours_wall / reference_wall) < 0.01
    assert all(value > 0 for value in figures(output, "CPU time (median)", 3, "s?"))
    assert all(value > 0 for value in figures(output, "peak RSS (largest process)", 3, "(?:MB)?"))
    assert all(value > 0 for value in figures(output, "peak PSS (process tree)", 3, "(?:MB)?"))
    ours_pages, reference_pages, _ = figures(output, "pages built", 3)
    assert ours_pages == 12 * (4 + 11)  # home, 2 articles, help + topics index and 10 topic pages
    assert reference_pages == 12 * 5  # home, 2 articles, help + tags index
    assert all(value > 0 for value in figures(output, "pages per second", 3))
    assert all(value > 0 for value in figures(output, "output size", 3, "(?:MB)?"))

    (full_build,) = figures(output, "full build (median)", 1, "s")
    (rebuild,) = figures(output, "serve rebuild, edit -> page served (median)", 1, "s")
    (everything,) = figures(output, "serve rebuild, edit -> every language rebuilt (median)", 1, "s")
    assert 0 < full_build and 0 < rebuild <= everything

    # corpus: a cold build, then a second build after an English edit, then a French one
    cached = table_rows(output, "second build (ours)")
    assert list(cached) == ["cold build (no site/, no .cache/)", "after an English edit", "after a French edit", "target"]
    cold_wall, _, cold_ratio, cold_pages, *_ = cached["cold build (no site/, no .cache/)"]
    assert seconds(cold_wall) > 0 and cold_ratio == "1.00" and int(cold_pages) == ours_pages
    cached_ratios = []
    for label in ("after an English edit", "after a French edit"):
        wall, cpu, cached_ratio, pages, output_state = cached[label]
        assert seconds(wall) > 0 and seconds(cpu) > 0
        assert abs(float(cached_ratio) - seconds(wall) / seconds(cold_wall)) < 0.01
        assert int(pages) == ours_pages and output_state == "shows the edit"  # every page, the edit on them
        cached_ratios.append(float(cached_ratio))
    assert cached["target"] == ["<= 0.25"]

    # corpus: mkdocs serve after an edit, plain and --dirty, English and French
    serve = table_rows(output, "corpus serve (ours)")
    assert list(serve) == [*SERVE_CASES, "target (plain mkdocs serve)"]
    served, listed = {}, {}
    for case in SERVE_CASES:
        page, lists, everything_rebuilt, started = serve[case]
        served[case], listed[case] = seconds(page), lists_time(lists)
        assert 0 < served[case] <= seconds(everything_rebuilt) and seconds(started) > 0
        if not case.endswith("--dirty"):  # plain serve waits up to 600 s: at N = 2 its topic pages are right
            assert listed[case] is not None and listed[case] >= 0
    assert serve["target (plain mkdocs serve)"] == ["<= 1.5 s", "<= 3 s"]

    # a French article, read in Chromium as GitHub Pages would serve it: ours, then the reference
    ours_view, reference_view = figures(output, "first view total", 2, "KB")
    assert 20 < ours_view < reference_view  # HTML, CSS and JS at least; the reference adds its lunr index
    ours_search, reference_search = figures(output, "first search total", 2, "KB")
    assert ours_search > 20 and reference_search == 0  # ours fetches search data only now; lunr fetched it on load
    # a time each: the results came (with none, the table says "none")
    first_search_ms, _ = figures(output, "first search time", 2, "ms")
    ours_later, _ = figures(output, "later search total", 2, "KB")
    assert ours_later < ours_search / 4  # a later search reuses what the first one fetched
    assert figures(output, "first view: search index", 2, "KB")[0] == 0  # no search data before searching
    languages = re.search(r"^search data languages\s+(\S+)\s+(\S+)", output, re.MULTILINE).groups()
    assert languages[0] == "fr"  # ours: the page's own language only
    assert set(languages[1].split(",")) >= {"en", "fr", "ja"}  # the reference: one index for all
    assert figures(output, "third-party requests", 2) == [0, 0]

    # the real site
    real = output[output.index("== real site =="):]
    (real_view,) = figures(real, "first view total", 1, "KB")
    (real_search,) = figures(real, "first search total", 1, "KB")
    assert 20 < real_view and 20 < real_search
    assert figures(real, "third-party requests", 1) == [0]

    # issue 20's goals: each figure is the one of the tables above, with the verdict its target gives
    rows = table_rows(output, "goals of issue 20 (ours)")
    assert list(rows) == SERVE_GOALS + CACHED_GOALS
    for language in ("English", "French"):
        case = f"{language} edit, mkdocs serve"
        assert checked_serve_goal(rows[f"serve: {language} edit -> page served"]) == served[case]
        assert checked_serve_goal(rows[f"serve: {language} edit -> its topic pages right"]) == listed[case]
    # at N = 2 the ratio has no verdict (fixed costs dominate); the verdicts are checked below
    assert [checked_cached_goal(rows[label], verdict=False) for label in CACHED_GOALS] == cached_ratios

    # issue 12's goals, the same way
    rows = goals(output)
    assert list(rows) == GOALS
    assert checked_goal(rows["first view"]) == (ours_view, "KB")
    assert checked_goal(rows["first search"]) == (ours_search, "KB")
    assert checked_goal(rows["first search time"]) == (first_search_ms, "ms")
    assert rows["search data of the page's language only"] == [f"{languages[0]} ok", "fr"]
    assert rows["build wall time / reference"] == [f"{wall_ratio:.2f}", "<= 0.1 (N = 1,000)"]  # no verdict at N = 2
    ours_rss = figures(output, "peak RSS (largest process)", 3, "(?:MB)?")[0]
    assert checked_goal(rows["peak RSS (largest process)"]) == (ours_rss, "MB") and 20 < ours_rss < 16_000
    ours_size = figures(output, "output size", 3, "(?:MB)?")[0]
    assert checked_goal(rows["output size"]) == (ours_size, "MB") and ours_size < 1_000
    assert checked_goal(rows["serve: edit -> page served"]) == (served["English edit, mkdocs serve --dirty"], "s")

    saved = json.loads(benchmark_run.figures.read_text())["corpora"]["2"]
    assert abs(saved["builds"]["ours"]["wall"] - ours_wall) < 0.01
    assert set(saved["pages"]) == {"ours (corpus)", "reference (corpus)"}
    assert abs(saved["pages"]["ours (corpus)"]["first_view"]["bytes"] / 1024 - ours_view) < 0.1
    assert list(saved["serve"]) == ["en", "fr", "en-dirty", "fr-dirty"]
    assert saved["serve"]["fr"]["topic_pages"] and all(url.startswith("fr/tags/") for url in saved["serve"]["fr"]["topic_pages"])
    assert all(abs(saved["cached"]["ratio"][code] - shown) < 0.006 for code, shown in zip(("en", "fr"), cached_ratios))
    assert saved["cached"]["stale"] == {"en": [], "fr": []}


def load_benchmark():
    """benchmarks/run.py as a module (it puts benchmarks/ on sys.path for its own imports)."""
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    path = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = path
    return module


def test_each_goal_is_ok_within_its_target_and_missed_beyond_it():
    bench = load_benchmark()
    transfer = bench.page_weight.Transfer

    def corpus(articles, scale):
        """Figures at `scale` times each goal's target (the build wall time: 10 s for the reference's 100 s)."""
        ours = bench.BuildFigures("ours", [bench.Run(100 * bench.BUILD_RATIO * scale, 1.0, int(bench.PEAK_MB * 1024 * scale), 0, 0)],
                                  pages=10, files=10, bytes=int(bench.OUTPUT_MB * 1e6 * scale))
        reference = bench.BuildFigures("reference", [bench.Run(100.0, 1.0, 1024, 0, 0)], pages=10)
        reader = bench.page_weight.PageWeight(
            first_view=transfer([("/site/fr/article-001/", int(bench.FIRST_VIEW_KB * 1024 * scale))]),
            first_search=transfer([("/site/pagefind/fr/pagefind.js", int(bench.FIRST_SEARCH_KB * 1024 * scale))]),
            later_search=transfer(), first_search_ms=bench.FIRST_SEARCH_MS * scale, later_search_ms=1.0,
            search_languages=["fr"] if scale < 1 else ["en", "fr"], external=[])
        serve = {"en-dirty": bench.ServeFigures(edits=[bench.SERVE_S * scale], whole=[bench.SERVE_S * scale])}
        return bench.CorpusFigures(articles, ours, reference, serve, {"ours (corpus)": reader})

    rows = goals("\n" + bench.goals_table([corpus(1000, 0.5), corpus(1000, 1.5), corpus(100, 1.5)]))
    assert list(rows) == GOALS
    verdicts = {label: [cell.split()[-1] for cell in cells[:3]] for label, cells in rows.items()}
    assert verdicts == {label: ["ok", "MISSED", "MISSED"] for label in GOALS if label != "build wall time / reference"} | {
        "build wall time / reference": ["ok", "MISSED", "0.15"],  # below N = 1,000: the ratio, no verdict
    }
    for label, cells in rows.items():
        if label not in ("search data of the page's language only", "build wall time / reference"):
            for column in (0, 1):
                checked_goal([cells[column], cells[-1]])


def test_each_serve_and_cache_goal_is_ok_within_its_target_and_missed_beyond_it():
    bench = load_benchmark()

    def corpus(articles, scale, right=True):
        """Issue 20's figures at `scale` times each target; not `right`: the topic pages never showed
        the edit under plain serve and the second builds left pages stale."""
        serve = {code: bench.ServeFigures(edits=[bench.SERVE_PAGE_S * scale], whole=[10.0],
                                          lists=[bench.SERVE_LISTS_S * scale if right else None], lists_timeout=600)
                 for code in ("en", "fr")}
        cold = bench.BuildFigures("cold", [bench.Run(100.0, 1.0, 1024, 0, 0)], pages=10)
        edited = {code: bench.BuildFigures(f"{code} edit", [bench.Run(100.0 * bench.CACHED_RATIO * scale, 1.0, 1024, 0, 0)],
                                           pages=10) for code in ("en", "fr")}
        stale = {code: [] if right else ["article-001/"] for code in ("en", "fr")}
        cached = bench.CachedFigures(cold, edited, stale)
        return bench.CorpusFigures(articles, bench.BuildFigures("ours"), None, serve, {}, cached)

    output = "\n" + bench.serve_cache_goals_table(
        [corpus(1000, 0.5), corpus(1000, 1.5), corpus(100, 0.5), corpus(1000, 0.5, right=False)])
    rows = table_rows(output, "goals of issue 20 (ours)")
    assert list(rows) == SERVE_GOALS + CACHED_GOALS
    verdicts = {label: [cell.split()[-1] for cell in cells[:4]] for label, cells in rows.items()}
    assert verdicts == {
        "serve: English edit -> page served": ["ok", "MISSED", "ok", "ok"],
        "serve: French edit -> page served": ["ok", "MISSED", "ok", "ok"],
        "serve: English edit -> its topic pages right": ["ok", "MISSED", "ok", "MISSED"],  # never right: MISSED
        "serve: French edit -> its topic pages right": ["ok", "MISSED", "ok", "MISSED"],
        "second build, English edit / cold": ["ok", "MISSED", "0.12", "output)"],  # below N = 1,000: no verdict
        "second build, French edit / cold": ["ok", "MISSED", "0.12", "output)"],
    }
    for label, cells in rows.items():
        for column in range(4):
            if label in CACHED_GOALS:
                checked_cached_goal([cells[column], cells[-1]], verdict=column != 2)
            else:
                checked_serve_goal([cells[column], cells[-1]])
    assert rows["serve: English edit -> its topic pages right"][3] == "not right after 600 s MISSED"
    assert rows["second build, English edit / cold"][3] == "0.12 MISSED (stale output)"  # within the ratio, yet stale
