"""The plan of each build (hooks/builds/session.py): whether MkDocs serves it, whatever `on_startup`
said, and which kind of plan a command gets."""

import os
import tempfile
from types import SimpleNamespace

import pytest

from builds import output
from builds.plan import Plan, WorkerPlan
from builds.serve import ServePlan
from builds.session import Session, SitePlan, is_serving

CODES = ["en", "fr", "ar"]


# --- is_serving: the command, or the folder MkDocs serves --------------------------------------------

@pytest.mark.parametrize(("command", "site_dir", "serving"), [
    ("serve", "/tmp/mkdocs_a1b2", True),  # mkdocs serve, serve --dirty
    ("serve", "/anywhere/site", True),  # the command says so: no folder needed
    ("build", "/tmp/mkdocs_a1b2", True),  # mkdocs serve --clean tells on_startup "build"
    ("build", "/tmp/properdocs_a1b2", True),  # ProperDocs' serve --clean
    ("build", "/tmp/mkdocs_a1b2/", True),
    ("build", "/project/site", False),  # mkdocs build
    ("build", "/tmp/site", False),  # mkdocs build -d /tmp/site
    ("build", "/tmp/build/mkdocs_a1b2", False),  # not right in the temp folder
    ("build", "/tmp/my_mkdocs_site", False),
    ("gh-deploy", "/tmp/mkdocs_a1b2", False),  # gh-deploy never serves
    (None, "/tmp/mkdocs_a1b2", False),  # no on_startup: a build started from Python
])
def test_serving_is_the_serve_command_or_a_build_into_the_folder_serve_makes(command, site_dir, serving):
    assert is_serving(command, site_dir, "/tmp") is serving


def test_the_folder_mkdocs_serve_makes_is_recognised_wherever_the_temp_folder_is(tmp_path):
    site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir=tmp_path)  # what mkdocs/commands/serve.py does
    assert is_serving("build", site_dir, str(tmp_path))
    assert not is_serving("build", site_dir, "/tmp")


# --- Session.plan_for: one plan per build, from the command --------------------------------------------

def config_and_context(tmp_path, site_dir, is_default=True):
    (tmp_path / "docs" / "en").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("# Home")
    config = SimpleNamespace(site_dir=str(site_dir), config_file_path=str(tmp_path / "mkdocs.yml"),
                             theme=SimpleNamespace(custom_dir=None), extra={})
    context = SimpleNamespace(
        is_default=is_default, languages=[SimpleNamespace(code=code) for code in CODES], root_site_dir=str(site_dir),
        docs_root=str(tmp_path / "docs"), project_dir=str(tmp_path), project_path=lambda path: str(tmp_path / path))
    return config, context


def session(command, dirty=False):
    started = Session()
    started.command, started.dirty = command, dirty
    return started


def test_a_build_is_staged_and_changes_every_language(tmp_path):
    config, context = config_and_context(tmp_path, tmp_path / "site")
    plan = session("build").plan_for(config, context)
    assert isinstance(plan, SitePlan) and not plan.serving and plan.changed == tuple(CODES)
    assert config.site_dir == context.root_site_dir == output.staging_dir(str(tmp_path / "site"))
    plan.fail()


def test_a_dirty_build_writes_in_place(tmp_path):
    config, context = config_and_context(tmp_path, tmp_path / "site")
    plan = session("build", dirty=True).plan_for(config, context)
    assert isinstance(plan, SitePlan) and plan.staging is None and config.site_dir == str(tmp_path / "site")


@pytest.mark.parametrize(("command", "dirty"), [("serve", False), ("serve", True), ("build", False)])
def test_every_form_of_serve_writes_in_place_the_folder_it_serves(tmp_path, monkeypatch, command, dirty):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    served = tempfile.mkdtemp(prefix="mkdocs_")
    config, context = config_and_context(tmp_path, served)
    plan = session(command, dirty).plan_for(config, context)
    assert isinstance(plan, ServePlan) and plan.serving and plan.changed == tuple(CODES)
    assert config.site_dir == context.root_site_dir == served


def test_a_worker_of_a_served_build_serves_too_and_does_nothing_around_its_language(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    started = session("build")  # serve --clean
    config, context = config_and_context(tmp_path, tempfile.mkdtemp(prefix="mkdocs_"))
    started.plan_for(config, context)
    # The worker is forked from the main build: its session is this one.
    worker_config, worker_context = config_and_context(tmp_path, os.path.join(config.site_dir, "fr"), is_default=False)
    plan = started.plan_for(worker_config, worker_context)
    assert type(plan) is WorkerPlan and plan.serving and plan.changed == () and plan.previous_output is None
