"""The Content-Security-Policy of every page (hooks/seo/csp.py)."""

import base64
import hashlib

from seo import csp

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><script>var a = 1;</script>'
        '<script src="assets/x.js"></script><script type="application/ld+json">{"a": 1}</script>'
        '<script id="__config" type="application/json">{}</script></head><body>'
        '<script type="module">import("./y.js")</script></body></html>')


def test_only_executable_inline_scripts_are_hashed():
    assert csp.inline_scripts(PAGE) == ["var a = 1;", 'import("./y.js")']
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode() + "'"
    assert csp.script_hash("var a = 1;") == expected


def test_the_policy_allows_the_sites_own_origin_and_the_pages_scripts_only():
    html = csp.with_policy(PAGE)
    head = html.split("<head>", 1)[1]
    assert head.startswith('<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    assert '<meta name="referrer" content="no-referrer">' in head
    policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "http" not in policy
    assert csp.script_hash("var a = 1;") in directives["script-src"]
    assert "'wasm-unsafe-eval'" in directives["script-src"]
    assert directives["img-src"] == "'self' data:" and directives["object-src"] == "'none'"
    assert html.index("Content-Security-Policy") < html.index("<script")


def test_the_policy_can_be_computed_anew_with_more_scripts():
    html = csp.with_policy(PAGE)
    again = csp.with_policy(csp.strip_policy(html), ["other();"])
    assert again.count("Content-Security-Policy") == 1 and csp.script_hash("other();") in again
