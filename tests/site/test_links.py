"""Every internal link of the built site resolves (tests/link_crawler.py), under a sub-path (the real
site, built once per session) and at a domain's root (the small project: en, fr, ar), with the 404
page's language routing built for each."""

import json
import re

from conftest import SUBPATH_SITE_URL
from link_crawler import broken_links


def test_every_internal_link_and_anchor_resolves(site):
    pages = list(site.site.rglob("*.html"))
    assert len(pages) > 100  # every language's pages, topic pages and 404s
    checked, broken = broken_links(site.site, SUBPATH_SITE_URL)
    assert checked > 10 * len(pages)
    report = "\n".join(f"{page}: {problem}" for page, problems in broken.items() for problem in problems)
    assert not broken, f"{sum(map(len, broken.values()))} broken link(s):\n{report}"


def test_the_crawler_sees_a_broken_file_and_a_broken_anchor(tmp_path):
    """The checker itself: a missing page and a missing anchor are reported, good links are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="#here">ok</a><a href="../b/">ok</a><a href="/guide/a/#here">ok</a>'
        '<a href="../c/">missing</a><a href="../b/#nowhere">bad anchor</a>'
        f'<link rel="alternate" href="{SUBPATH_SITE_URL}b/"><a href="https://example.org/x">skipped</a>'
        '<a href="mailto:a@b.c">skipped</a><img src="data:image/png;base64,AAAA">',
        encoding="utf-8",
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<a name="top"></a><a href="../a/#here">ok</a>', encoding="utf-8")
    checked, broken = broken_links(tmp_path, SUBPATH_SITE_URL)
    assert checked == 7
    assert list(broken) == ["a/index.html"]
    assert [problem.split(" ")[1] for problem in broken["a/index.html"]] == ["../c/", "../b/#nowhere"]


DOMAIN_ROOT_URL = "https://trust-guide.example.org/"


def test_at_a_domain_root_every_link_resolves_and_404s_route_by_language(project):
    project.config["site_url"] = DOMAIN_ROOT_URL
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    checked, broken = broken_links(build.site, DOMAIN_ROOT_URL)
    assert checked > 1000
    assert not broken, "\n".join(f"{page}: {problems[:3]}" for page, problems in broken.items())
    root_404 = build.html("404.html")
    script = next(s.string for s in root_404.find_all("script") if s.string and "404.html" in s.string)
    routing = json.loads(re.search(r"var site = (\{.*?\});", script).group(1))
    assert routing["root"] == "/" and "fr" in routing["codes"] and "en" not in routing["codes"]
    assert root_404.select_one("article a, .md-content a")["href"] == "/"
    assert build.html("fr/404.html").select_one("article a, .md-content a")["href"] == "/fr/"
    assert build.html("chapter/").find("link", rel="canonical")["href"] == DOMAIN_ROOT_URL + "chapter/"
    assert build.html("ar/chapter/").find("link", rel="canonical")["href"] == DOMAIN_ROOT_URL + "ar/chapter/"
