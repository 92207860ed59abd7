"""The guide's help data (data/helplines/): every number evidenced, every language's countries
present, and the coverage table true to the files."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from conftest import ROOT, load_config_data
from guide.helplines import all_evidence, load_helplines

FOLDER = ROOT / "data" / "helplines"


def test_every_number_has_its_evidence_and_every_language_its_countries():
    helplines = load_helplines(str(FOLDER))  # refuses a number without a page, a date and a sentence that states it
    codes = [language["code"] for language in load_config_data()["extra"]["languages"]]
    assert sorted(helplines.by_language) == sorted(codes)
    missing = [c for countries in helplines.by_language.values() for c in countries if c not in helplines.countries]
    assert missing == [], "each listed country needs its file, even with empty lists and a not_found note"
    assert len(helplines.countries) >= 100


def test_evidence_was_read_before_today_and_is_quoted_whole():
    for evidence in all_evidence(load_helplines(str(FOLDER))):
        assert date.fromisoformat(evidence.read) <= date.today()
        assert "\n" not in evidence.sentence and evidence.sentence == evidence.sentence.strip(), evidence.url


def test_the_coverage_table_is_true_to_the_data():
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "help_coverage.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
