"""Write the test fixtures derived from ../shared (the seeds and the research list) without copying them.

- tests/fixtures/seed_8gram_hashes.txt: a hash of every run of 8 consecutive words of the seed
  articles, so tests can prove no page reuses a seed sentence without the seeds being in the repo.
- tests/fixtures/research_figures.txt: every figure the list of works gives (sample sizes, percentages,
  years, volumes), so the phone-number check can tell "227 adults" from a phone number.

Run again when ../shared changes: `.venv/bin/python scripts/make_fixtures.py`.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
RUN_LENGTH = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def run_hashes(text: str, length: int = RUN_LENGTH) -> set[str]:
    tokens = words(text)
    return {
        hashlib.sha256(" ".join(tokens[i : i + length]).encode()).hexdigest()[:16]
        for i in range(len(tokens) - length + 1)
    }


def research_figures(markdown: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", markdown))


def main() -> int:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        print(f"no seeds under {SHARED / 'seeds'}", file=sys.stderr)
        return 1
    hashes = set().union(*(run_hashes(seed.read_text(encoding="utf-8")) for seed in seeds))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    (FIXTURES / "seed_8gram_hashes.txt").write_text("\n".join(sorted(hashes)) + "\n", encoding="utf-8")
    figures = research_figures((SHARED / "research" / "sources.md").read_text(encoding="utf-8"))
    (FIXTURES / "research_figures.txt").write_text("\n".join(sorted(figures)) + "\n", encoding="utf-8")
    print(f"{len(hashes)} seed runs, {len(figures)} research figures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
