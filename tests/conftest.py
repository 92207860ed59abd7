"""Shared fixtures: the real site built once per session, small throwaway projects for bad input, and
(tests/browser_support.py) the site served under /guide/ to Debian's Chromium.

Builds run `mkdocs build` in a subprocess, exactly as a maintainer would, into temp dirs.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import shutil
import subprocess
import sys
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import get_yaml_loader

# The browser fixtures (Chromium, sites served on 127.0.0.1); the benchmark's smoke run, in the background.
pytest_plugins = ["browser_support", "benchmark_support"]

ROOT = Path(__file__).resolve().parent.parent
SUBPATH_SITE_URL = "https://example.github.io/guide/"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# scripts/stack_check.sh builds the session's site with the other supported stack (ProperDocs and
# MaterialX, each in its own venv) and runs the browser smoke tests on it: TEST_BUILD_COMMAND names
# that stack's executable, MKDOCS_THEME its theme. Every other build of the tests uses MKDOCS.
SITE_BUILD = os.environ.get("TEST_BUILD_COMMAND", "").split() or MKDOCS
# Test builds run as a maintainer's would, wherever the tests run: not as a GitHub Actions deploy
# build (which refuses placeholder addresses), and with the repository the contact link follows.
TEST_REPOSITORY = "maintainers/trust-guide"
CONTACT_URL = f"https://github.com/{TEST_REPOSITORY}/issues"


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory) -> Path:
    """The cache folder of the tests' builds of our project (mkdocs.yml reads BUILD_CACHE): one for
    the session, so no test reuses pages from a maintainer's own builds or from an earlier run.
    A small project (`Project`) keeps its own, in its folder."""
    folder = tmp_path_factory.mktemp("build-cache")
    os.environ["BUILD_CACHE"] = str(folder)
    return folder


def build_environment(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("GITHUB_ACTIONS", "GITHUB_REPOSITORY", "CONTACT_URL", "SITE_URL")}
    return {**env, "NO_MKDOCS_2_WARNING": "1", "GITHUB_REPOSITORY": TEST_REPOSITORY, **overrides}
sys.path.insert(0, str(ROOT / "hooks"))


@dataclass
class Build:
    """The result of one `mkdocs build`: exit code, output, and where the site went."""

    returncode: int
    output: str
    site: Path
    parsed: dict[str, BeautifulSoup] = field(default_factory=dict, repr=False, compare=False)

    def html(self, path: str) -> BeautifulSoup:
        """The page at a site path such as `fr/about/` or `404.html`, parsed once per build: tests
        read the same pages of the session's site again and again. Read it; never change it."""
        if path not in self.parsed:
            file = self.site / path
            if path == "" or path.endswith("/"):
                file = file / "index.html"
            self.parsed[path] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        return self.parsed[path]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


def run_build(project: Path, site: Path, *args: str, site_url: str = SUBPATH_SITE_URL, command: list[str] = MKDOCS,
              **env_overrides: str) -> Build:
    env = build_environment(SITE_URL=site_url, **env_overrides)
    result = subprocess.run(
        [*command, "build", "-d", str(site), *args], cwd=project, env=env,
        capture_output=True, text=True, timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def built_once(tmp_path_factory, name: str, build: Callable[[Path], Build]) -> Build:
    """`build(folder)`, once for the whole test run: alone, in the session's temp folder; in
    pytest-xdist's workers (pytest.ini), by the first worker to get here, in the folder they share,
    while the others wait (a lock) and then read what it wrote."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return build(tmp_path_factory.mktemp(name))
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    record = folder / "build.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            made = build(folder)
            record.write_text(json.dumps({"returncode": made.returncode, "output": made.output, "site": str(made.site)}))
            return made
    saved = json.loads(record.read_text())
    return Build(saved["returncode"], saved["output"], Path(saved["site"]))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once with --strict under a sub-path site_url (a project site)."""
    build = built_once(tmp_path_factory, "real",
                       lambda folder: run_build(ROOT, folder / "site", "--strict", command=SITE_BUILD))
    assert build.returncode == 0, build.output
    return build


def indexed_pages(site: Path, code: str) -> list[dict]:
    """The pages in a language's search index (Pagefind's fragments: url, content, meta, filters)."""
    pages = []
    for fragment in sorted((site / "pagefind" / code / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        pages.append(json.loads(data[len(b"pagefind_dcd"):]))
    return pages


def index_languages(site: Path, code: str) -> dict:
    """The languages of a language's search index, as Pagefind names them: {"fr": {"page_count": ...}}."""
    return json.loads((site / "pagefind" / code / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]


def load_config_data() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as file:
        return yaml.load(file, Loader=get_yaml_loader())


class Project:
    """A small copy of the project (hooks, overrides, data, config) with pages of our choosing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for folder in ("hooks", "overrides", "data"):
            shutil.copytree(ROOT / folder, path / folder, ignore=shutil.ignore_patterns("__pycache__"))
        self.config = load_config_data()
        self.config["nav"] = ["index.md", "chapter.md", "getting-help.md", "tags/index.md"]
        self.config["site_url"] = SUBPATH_SITE_URL
        self.config["extra"]["build_cache"] = ".cache"  # its own, in its folder
        # Three languages (one right-to-left) keep these builds quick.
        self.config["extra"]["languages"] = [
            entry for entry in self.config["extra"]["languages"] if entry["code"] in ("en", "fr", "ar")
        ]
        from multilingual.translation_status import source_hash

        home = page("Home", tags=[])
        self.write("docs/en/index.md", home)
        self.write("docs/fr/index.md", page("Accueil", tags=[], source_hash=source_hash(home), reviewed=True))
        self.write("docs/en/chapter.md", page("A chapter", tags=["trust", "betrayal"], body="Some words about trust.\n"))
        self.write("docs/en/getting-help.md", page("Getting help", tags=[], body="<!-- insert: helplines -->\n"))

    def copy_to(self, path: Path) -> Project:
        """A copy of this project, its site (if built) included, at `path`."""
        shutil.copytree(self.path, path, symlinks=True)
        copy = Project.__new__(Project)
        copy.path, copy.config = path, deepcopy(self.config)
        return copy

    def write(self, relative: str, text: str | bytes) -> Path:
        file = self.path / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return file

    def write_config(self) -> None:
        with open(self.path / "mkdocs.yml", "w", encoding="utf-8") as file:
            yaml.safe_dump(self.config, file, allow_unicode=True, sort_keys=False)

    def build(self, *args: str, **env: str) -> Build:
        self.write_config()
        return run_build(self.path, self.path / "site", *args, site_url=self.config["site_url"], **env)

    def mkdocs_config(self):
        """The project's mkdocs.yml as MkDocs reads and checks it, without its hooks: for unit tests
        of a hook's handlers, which nothing builds."""
        from mkdocs.config.defaults import MkDocsConfig

        self.write_config()
        config = MkDocsConfig(config_file_path=str(self.path / "mkdocs.yml"))
        config.load_dict(deepcopy({**self.config, "hooks": []}))  # MkDocs takes its entries apart as it reads them
        errors, _ = config.validate()
        assert not errors, errors
        return config


def page(title: str, description: str = "A page.", tags: list[str] | None = None, body: str = "Text.\n", **meta) -> str:
    front = {"title": title, "description": description, "tags": tags or [], **meta}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


@pytest.fixture(scope="session")
def built_small_project(tmp_path_factory) -> Project:
    """The small project, built once per session (strictly): see `built_project`."""
    project = Project(tmp_path_factory.mktemp("built-small-project"))
    build = project.build("--strict")
    assert build.returncode == 0, build.output
    return project


@pytest.fixture
def built_project(built_small_project, tmp_path) -> Project:
    """A copy of the small project with its site already built: the 'previous site' that a failed or
    interrupted build must leave as it was, built once for every test that needs one."""
    return built_small_project.copy_to(tmp_path / "project")


def git(cwd, *args: str, date: str = "2026-01-01") -> str:
    """Run git as a test author, with our dates and no user or system configuration."""
    env = {
        **os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": "2020-05-05T12:00:00+00:00",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00",
    }
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()
