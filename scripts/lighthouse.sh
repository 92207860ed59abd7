#!/usr/bin/env bash
# Lighthouse on a chapter, mobile profile, with Debian's Chromium; prints the four category scores
# and the audits that cost points. Not part of the test run.
#
#   bash scripts/lighthouse.sh [page]        # page: a site path, default recovering-trust/
#
# Needs the project venv and Chromium (scripts/test.sh installs both) and npm. Lighthouse is installed
# once into $LIGHTHOUSE_DIR; the reports go to test-artifacts/lighthouse.report.{html,json}.
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE_VERSION=13.5.0
LIGHTHOUSE_DIR=${LIGHTHOUSE_DIR:-/tmp/lighthouse-$LIGHTHOUSE_VERSION}
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
PAGE=${1:-recovering-trust/}
export CHROME_PATH

if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi
# Lighthouse 13 wants Node 22 or later; where the system's node is older, use one from npm's `node` package.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 22 ]; then
  if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/node" ]; then
    npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error "node@22"
  fi
  export PATH="$LIGHTHOUSE_DIR/node_modules/.bin:$PATH"
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Build for the address it is served from (canonical links, alternates), under a project-site path.
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/guide/"
SITE_URL="$base" NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --quiet -d "$work/root/guide"
# Served as GitHub Pages serves it: text compressed with gzip, cached for 10 minutes.
.venv/bin/python - "$work/root" "$port" >/dev/null 2>&1 <<'PY' &
import functools, gzip, http.server, io, os, sys

class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        compress = path.endswith((".html", ".css", ".js", ".json", ".svg", ".xml"))
        if not (compress and os.path.isfile(path) and "gzip" in self.headers.get("Accept-Encoding", "")) \
                or (os.path.isdir(self.translate_path(self.path)) and not self.path.split("?")[0].endswith("/")):
            return super().send_head()  # as is; and a folder without its slash redirects
        with open(path, "rb") as source:
            body = gzip.compress(source.read())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

handler = functools.partial(Handler, directory=sys.argv[1])
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler).serve_forever()
PY
server=$!
for _ in $(seq 50); do
  if .venv/bin/python -c "import urllib.request; urllib.request.urlopen('$base')" 2>/dev/null; then break; fi
  sleep 0.1
done

mkdir -p test-artifacts
"$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" "$base$PAGE" \
  --form-factor=mobile --screenEmulation.mobile \
  --only-categories=performance,accessibility,best-practices,seo \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-quic --no-first-run --disable-sync" \
  --output=json --output=html --output-path=test-artifacts/lighthouse --quiet

.venv/bin/python - test-artifacts/lighthouse.report.json <<'PY'
import json, sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
print(f"Lighthouse {report['lighthouseVersion']}, mobile: {report['finalDisplayedUrl']}")
for category in report["categories"].values():
    print(f"  {category['title']:<15} {round(category['score'] * 100):>3}")
    for ref in category["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            print(f"      {audit['score']:.2f}  {audit['id']}: {audit.get('displayValue', '')}")
PY
