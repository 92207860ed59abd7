"""Smoke test of the build benchmark (benchmarks/run.py): 2 articles x 12 languages, one round.

Runs the whole benchmark as a maintainer would: it creates (or reuses) the reference's own venv
(benchmarks/.work/ref-venv, pip from PyPI), builds the corpus with ours and with the reference,
builds the real site, times a `mkdocs serve` rebuild, weighs a chapter's first view, and prints a
table. The test parses the table and checks every figure is there and plausible.
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

    ours_total, reference_total, real_total = figures(output, "total", 3, "KB")
    assert min(ours_total, reference_total, real_total) > 20  # HTML, CSS, JS and a search index at least
    languages = re.search(r"^search index languages\s+(\S+)\s+(\S+)\s+(\S+)", output, re.MULTILINE).groups()
    assert languages[0] == languages[2] == "en"  # ours: the page's own language only
    assert set(languages[1].split(",")) >= {"en", "fr", "ja"}  # the reference: one index for all
    assert figures(output, "third-party requests", 3) == [0, 0, 0]

    saved = json.loads((tmp_path / "figures.json").read_text())
    assert saved["builds"]["ours"]["wall"] == ours_wall or abs(saved["builds"]["ours"]["wall"] - ours_wall) < 0.01
    assert set(saved["first_view"]) == {"ours (corpus)", "reference (corpus)", "ours (real site)"}
