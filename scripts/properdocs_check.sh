#!/usr/bin/env bash
# Stack insurance: MkDocs 1.6.1 is frozen upstream. Build the site with ProperDocs 1.6.7 (its
# maintained fork, a drop-in replacement) in its own virtual environment, strictly, and check that it
# writes the same pages as MkDocs. Run by .ci/run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv-properdocs
.venv-properdocs/bin/pip install --disable-pip-version-check -q -r requirements-properdocs.txt
[ -x .venv/bin/mkdocs ] || { echo "run scripts/test.sh first (it makes .venv)"; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export NO_MKDOCS_2_WARNING=1 SITE_URL="https://example.github.io/guide/" GITHUB_REPOSITORY="maintainers/trust-guide"
unset GITHUB_ACTIONS
.venv/bin/mkdocs build --strict -q -d "$out/mkdocs/site"
if ! .venv-properdocs/bin/properdocs build --strict -q -d "$out/properdocs/site" > "$out/properdocs.log" 2>&1; then
  cat "$out/properdocs.log"
  echo "ProperDocs: the strict build failed."
  exit 1
fi
(cd "$out/mkdocs/site" && find . -name '*.html' | sort) > "$out/mkdocs.pages"
(cd "$out/properdocs/site" && find . -name '*.html' | sort) > "$out/properdocs.pages"
if diff -u "$out/mkdocs.pages" "$out/properdocs.pages"; then
  echo "ProperDocs $(.venv-properdocs/bin/properdocs --version | awk '{print $3}'): strict build passes, same $(wc -l < "$out/mkdocs.pages") pages as MkDocs."
else
  echo "ProperDocs writes other pages than MkDocs (diff above)."
  exit 1
fi
