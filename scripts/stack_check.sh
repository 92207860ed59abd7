#!/usr/bin/env bash
# The supported stacks: MkDocs 1.6.1 + Material 9.8.1 (.venv, the tests' stack) and their maintained
# forks, ProperDocs 1.6.7 with Material (.venv-properdocs) and ProperDocs with MaterialX 10.2.2
# (.venv-materialx, theme `materialx`). Each fork stack builds the site strictly (so every language's
# search index is non-empty) and must write the same pages as MkDocs; the MaterialX site then gets the
# browser smoke tests (search, topic filter, switcher, help link and quick exit, CSP). Run by
# .ci/run after the tests; needs .venv (scripts/test.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/mkdocs ] || { echo "run scripts/test.sh first (it makes .venv)"; exit 1; }

python3 -m venv .venv-properdocs
.venv-properdocs/bin/pip install --disable-pip-version-check -q -r requirements-properdocs.txt
python3 -m venv .venv-materialx
.venv-materialx/bin/pip install --disable-pip-version-check -q -r requirements-materialx.txt

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export NO_MKDOCS_2_WARNING=1 SITE_URL="https://example.github.io/guide/" GITHUB_REPOSITORY="maintainers/trust-guide"
unset GITHUB_ACTIONS MKDOCS_THEME
.venv/bin/mkdocs build --strict -q -d "$out/mkdocs/site"
(cd "$out/mkdocs/site" && find . -name '*.html' | sort) > "$out/mkdocs.pages"

check_stack() {  # name, executable, theme
  local name=$1 executable=$2 theme=$3
  if ! MKDOCS_THEME=$theme "$executable" build --strict -q -f mkdocs.yml -d "$out/$name/site" > "$out/$name.log" 2>&1; then
    cat "$out/$name.log"
    echo "$name: the strict build failed."
    exit 1
  fi
  (cd "$out/$name/site" && find . -name '*.html' | sort) > "$out/$name.pages"
  if ! diff -u "$out/mkdocs.pages" "$out/$name.pages"; then
    echo "$name writes other pages than MkDocs + Material (diff above)."
    exit 1
  fi
  echo "$name: strict build passes, same $(wc -l < "$out/mkdocs.pages") pages as MkDocs + Material."
}
check_stack properdocs-material .venv-properdocs/bin/properdocs material
check_stack properdocs-materialx .venv-materialx/bin/properdocs materialx

# The browser smoke on the MaterialX site: the session's site is built with that stack.
TEST_BUILD_COMMAND="$PWD/.venv-materialx/bin/properdocs" MKDOCS_THEME=materialx .venv/bin/python -m pytest -q \
  tests/browser -k "switcher_click or search_finds_the_chapter or topic_filter_narrows or no_page_type_violates or quick_exit_and_the_help_link or help_link_is_visible"
