"""Write data/helplines/COVERAGE.md: per site language, how many of its countries have an evidenced
emergency number, violence line and crisis line, and which countries have none of each.

    .venv/bin/python scripts/help_coverage.py          # rewrite the file
    .venv/bin/python scripts/help_coverage.py --check  # exit 1 if the file is out of date

tests/content/test_help_data.py runs the check, so the table stays true to the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from guide.help_page import coverage_table  # noqa: E402
from guide.helplines import load_helplines  # noqa: E402

FOLDER = ROOT / "data" / "helplines"
TARGET = FOLDER / "COVERAGE.md"
HEADING = ("# Help coverage\n\nWritten by `scripts/help_coverage.py` from the country files; do not edit by hand. "
           "A count is the number of the language's countries (`countries.yml`) with at least one evidenced "
           "number of that kind.\n\n")


def coverage_text() -> str:
    return HEADING + coverage_table(load_helplines(str(FOLDER)))


def main(argv: list[str]) -> int:
    text = coverage_text()
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run .venv/bin/python scripts/help_coverage.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
