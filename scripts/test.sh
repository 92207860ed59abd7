#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine (run as root), then run them.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k switcher`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_APT:-0}" != 1 ]; then
  apt-get update
  # Chromium for the browser tests; Noto fonts so Arabic, Japanese and Chinese render in screenshots.
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    chromium fonts-noto-core fonts-noto-cjk
fi

python3 -m venv .venv
.venv/bin/pip install --disable-pip-version-check -q -r requirements-test.txt
# The benchmark's reference (its own venv, from PyPI), which the benchmark's smoke test builds with:
# installed here with everything else, so the tests' time is the tests'.
.venv/bin/python benchmarks/run.py --prepare
exec .venv/bin/python -m pytest "$@"
