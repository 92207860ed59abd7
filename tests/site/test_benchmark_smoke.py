"""Smoke test of the build benchmark (benchmarks/run.py): 2 articles x 12 languages, one round.

Runs the whole benchmark as a maintainer would: it creates (or reuses) the reference's own venv
(benchmarks/.work/ref-venv, pip from PyPI), builds the corpus with ours and with the reference,
times a `mkdocs serve` rebuild of the corpus, reads a French article's first view and searches in
Chromium, then does the same for the real site, and prints tables. The test parses them and checks
every figure is there and plausible.
"""

from __future__ import annotations

import json
import re
import subprocess
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


def test_benchmark_runs_and_prints_every_figure(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--articles", "2", "--rounds", "1",
         "--work", str(tmp_path / "work"), "--json", str(tmp_path / "figures.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    output = result.stdout
    assert result.returncode == 0, result.stdout + result.stderr

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

    # corpus: mkdocs serve after an edit
    (corpus_edit,) = figures(output, "serve rebuild, edit -> page served", 1, "s")
    assert 0 < corpus_edit

    # a French article, read in Chromium as GitHub Pages would serve it: ours, then the reference
    ours_view, reference_view = figures(output, "first view total", 2, "KB")
    assert 20 < ours_view < reference_view  # HTML, CSS and JS at least; the reference adds its lunr index
    ours_search, reference_search = figures(output, "first search total", 2, "KB")
    assert ours_search > 20 and reference_search == 0  # ours fetches search data only now; lunr fetched it on load
    assert all(value >= 0 for value in figures(output, "first search time", 2, "ms"))
    ours_later, _ = figures(output, "later search total", 2, "KB")
    assert ours_later < ours_search / 4  # a later search reuses what the first one fetched
    assert figures(output, "first view: search index", 2, "KB")[0] == 0  # no search data before searching
    languages = re.search(r"^search data languages\s+(\S+)\s+(\S+)", output, re.MULTILINE).groups()
    assert languages[0] == "fr"  # ours: the page's own language only
    assert set(languages[1].split(",")) >= {"en", "fr", "ja"}  # the reference: one index for all
    assert figures(output, "third-party requests", 2) == [0, 0]

    # the real site, and the goals table
    real = output[output.index("== real site =="):]
    (real_view,) = figures(real, "first view total", 1, "KB")
    (real_search,) = figures(real, "first search total", 1, "KB")
    assert 20 < real_view and 20 < real_search
    assert figures(real, "third-party requests", 1) == [0]
    assert re.search(r"^first view\s+[0-9.]+ KB (ok|MISSED)\s+<= 150 KB", output, re.MULTILINE)
    assert re.search(r"^serve: edit -> page served\s+[0-9.]+ s (ok|MISSED)", output, re.MULTILINE)

    saved = json.loads((tmp_path / "figures.json").read_text())["corpora"]["2"]
    assert abs(saved["builds"]["ours"]["wall"] - ours_wall) < 0.01
    assert set(saved["pages"]) == {"ours (corpus)", "reference (corpus)"}
    assert abs(saved["pages"]["ours (corpus)"]["first_view"]["bytes"] / 1024 - ours_view) < 0.1
