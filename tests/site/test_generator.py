"""The hooks as a generator: any ordinary page, file and configuration builds right, and a build
that fails or is interrupted leaves the previous site (or none), never a partial one."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import MKDOCS, build_environment, page
from link_crawler import broken_links


def test_pages_without_front_matter_title_description_or_tags_build_strictly(project):
    project.write("docs/en/plain.md", "Just some text, no heading and no front matter.\n")
    project.write("docs/en/deep/er/still/index.md", "# Deep *down*\n\nSee [home](../../../index.md).\n")
    project.write("docs/en/empty-tags.md", "---\ntags: []\ndescription:\n---\n\n# Empty tags\n")
    project.config["nav"][1:1] = ["plain.md", "deep/er/still/index.md", "empty-tags.md"]
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert build.html("plain/").find("h1").get_text() == "1. Plain"
    assert build.html("fr/deep/er/still/").find("h1").get_text().removesuffix("¶") == "Deep down"
    assert build.html("ar/empty-tags/").find("meta", {"name": "description"})["content"] == project.config["site_description"]
    assert build.html("plain/").select(".page-topics") == []
    # the page header right under the title, whether the theme's partial writes it or the text has it
    for path in ("plain/", "deep/er/still/", "fr/deep/er/still/"):
        heading = build.html(path).select_one(".md-content h1")
        assert heading.find_next_sibling()["class"] == ["reading-time"], path


def test_a_site_of_one_language_or_with_file_urls_builds_and_every_link_resolves(project):
    project.config["use_directory_urls"] = False
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "fr" / "tags" / "trust.html").is_file()
    checked, broken = broken_links(build.site, project.config["site_url"])
    assert checked > 100 and not broken, broken
    project.config["extra"]["languages"] = project.config["extra"]["languages"][:1]
    project.config["use_directory_urls"] = True
    (project.path / "docs" / "fr" / "index.md").unlink()
    (project.path / "docs" / "fr").rmdir()
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert [link["hreflang"] for link in build.html("chapter/").select(".language-switcher a")] == ["en"]
    assert not (build.site / "fr").exists()


def test_without_a_help_page_or_helplines_the_safety_notice_links_to_the_help_address(project):
    """(Without a help address either, the notice links nowhere: tests/example_site/.)"""
    os.remove(project.path / "docs" / "en" / "getting-help.md")
    project.config["nav"].remove("getting-help.md")
    del project.config["extra"]["helplines"]
    project.config["extra"]["help_url"] = "https://help.example.net/"
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    assert build.html("chapter/").select_one(".safety-notice a")["href"] == "https://help.example.net/"
    assert build.html("fr/chapter/").select_one(".safety-notice a")["href"] == "https://help.example.net/"


def test_a_deploy_build_refuses_placeholder_addresses(project):
    failed = project.build(GITHUB_ACTIONS="true")  # the project's site_url is example.github.io
    assert failed.returncode != 0 and "Traceback" not in failed.output
    assert "placeholder address(es) site_url = https://example.github.io/guide/" in failed.output
    assert "Set SITE_URL" in failed.output
    project.config["site_url"] = "https://maintainers.github.io/trust-guide/"
    project.write("docs/en/index.md", page("Home", tags=[], body="[Write to us](contact:)\n"))
    deployed = project.build(GITHUB_ACTIONS="true", GITHUB_REPOSITORY="maintainers/trust-guide")
    assert deployed.returncode == 0, deployed.output
    assert deployed.html("").find("a", string="Write to us")["href"] == "https://github.com/maintainers/trust-guide/issues"


def snapshot(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def staging_folders(project) -> list[str]:
    return sorted(path.name for path in project.path.iterdir() if path.name.startswith(".site."))


KILL_FRENCH_WORKER = '''
import os, signal
def on_config(config):
    if config.extra.get("build_language") == "fr":
        os.kill(os.getpid(), signal.SIGKILL)
'''


def with_hook(project, name: str, code: str) -> dict:
    """Add a test hook to a project built before (conftest's `built_project`); a snapshot of its
    site, the 'previous site'."""
    project.write(f"test_hooks/{name}", code)
    project.config["hooks"].append(f"test_hooks/{name}")
    site = snapshot(project.path / "site")
    assert {"index.html", "fr/chapter/index.html", "ar/chapter/index.html"} <= set(site)  # a whole site
    return site


def test_a_killed_language_worker_is_named_with_its_cause_and_the_previous_site_stays(built_project):
    before = with_hook(built_project, "kill.py", KILL_FRENCH_WORKER)
    build = built_project.build()
    assert build.returncode != 0
    assert "Building language 'fr' failed: its worker process was killed (SIGKILL)" in build.output
    assert "memory" in build.output and "Traceback" not in build.output and "BrokenProcessPool" not in build.output
    assert snapshot(build.site) == before and staging_folders(built_project) == []


SLOW_ARABIC_PAGES = '''
import time
def on_post_page(output, page, config):
    if config.extra.get("build_language") == "ar":
        time.sleep(2)
    return output
'''


def test_ctrl_c_during_a_build_leaves_the_previous_site_and_no_worker(built_project):
    before = with_hook(built_project, "slow.py", SLOW_ARABIC_PAGES)
    built_project.write_config()
    # As from a terminal: a shell starts background jobs (CI's, say) with SIGINT ignored, and the
    # build would inherit that; Ctrl-C reaches a foreground build with the default action.
    env = build_environment(SITE_URL=built_project.config["site_url"])
    build = subprocess.Popen([*MKDOCS, "build"], cwd=built_project.path, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not any((built_project.path / name / "fr" / "index.html").exists() for name in staging_folders(built_project)):
        assert time.monotonic() < deadline and build.poll() is None, "the build never got under way"
        time.sleep(0.05)
    assert len(processes_in_session(build.pid)) >= 2  # the build and its language workers, seen
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground process group
    output = build.communicate(timeout=60)[0]
    assert build.returncode != 0, output
    assert snapshot(built_project.path / "site") == before
    assert staging_folders(built_project) == []
    assert "Traceback" not in output, output
    time.sleep(0.5)
    assert processes_in_session(build.pid) == [], "language workers left running"


def processes_in_session(session: int) -> list[int]:
    """The processes still running in a session (the build's, started with start_new_session)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # fields after the name: state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


FULL_DISK_AT = '''
import errno
import mkdocs.utils

_write_file = mkdocs.utils.write_file


def on_config(config):
    language = config.extra.get("build_language") or "en"

    def write_file(content, output_path):  # the disk fills up as this language writes its chapter
        if language == {language!r} and output_path.endswith("chapter/index.html"):
            raise OSError(errno.ENOSPC, "No space left on device", output_path)
        return _write_file(content, output_path)

    mkdocs.utils.write_file = write_file
'''


@pytest.mark.parametrize("language", ["en", "fr"])  # the main build, a language worker
def test_a_full_disk_ends_in_one_named_error_and_keeps_the_previous_site(built_project, language):
    before = with_hook(built_project, "full_disk.py", FULL_DISK_AT.format(language=language))
    build = built_project.build()
    assert build.returncode != 0
    assert "No space left on device" in build.output and "Traceback" not in build.output
    assert f"{built_project.path / 'site'} is left as it was" in build.output
    assert snapshot(build.site) == before and staging_folders(built_project) == []


def test_a_theme_that_drops_the_content_block_fails_strict_for_the_empty_search_index(project):
    """As a theme fork whose base.html renders the article without Material's `content` block would."""
    main = (project.path / "overrides" / "main.html").read_text(encoding="utf-8")
    start, end = main.index("{% block content %}"), main.index("{% endblock %}", main.index("{% block content %}"))
    project.write("overrides/main.html", main[:start] + "{% block content %}{% include \"partials/content.html\" %}"
                  + main[end:])
    build = project.build("--strict")
    assert build.returncode != 0
    assert "Search index of 'en' is empty, yet docs/en/ has" in build.output
    assert "content` block that overrides/main.html wraps" in build.output
