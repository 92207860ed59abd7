"""The GitHub Pages workflow tests and builds the site with the very commands the README gives, and
has what a Pages deployment needs: its permissions, the Pages actions and the site_url it builds for."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """Every command the README shows to run (`code spans` and indented code block lines that start
    a program: `.venv/bin/...`, `bash ...`, `python3 ...`), not names mentioned in the text."""
    spans = re.findall(r"`([^`\n]+)`", README)
    blocks = [line.strip() for line in README.splitlines() if line.startswith("    ") and line.strip()]
    return [command for command in spans + blocks if command.startswith((".venv/bin/", "bash ", "python3 "))]


def readme_command(word: str) -> str:
    """The one command of the README that contains `word` (it may be shown more than once)."""
    commands = {command for command in readme_commands() if word in command and "&&" not in command}
    assert len(commands) == 1, f"README.md should give one command with {word!r}, found {commands}"
    return commands.pop()


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def step_using(workflow: dict, action: str) -> dict:
    found = [step for step in steps(workflow) if step.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"the workflow should use {action} once; it has {len(found)}"
    assert re.fullmatch(r"v\d+", found[0]["uses"].split("@")[1]), found[0]["uses"]  # a major version tag
    return found[0]


def test_readme_gives_the_build_and_test_commands():
    assert readme_command("mkdocs build") == ".venv/bin/mkdocs build --strict"
    assert readme_command("scripts/test.sh") == "bash scripts/test.sh"


def test_workflow_runs_the_readme_test_command_then_builds_with_the_readme_build_command(workflow):
    runs = [step.get("run", "").strip() for step in steps(workflow)]
    test, build = readme_command("scripts/test.sh"), readme_command("mkdocs build")
    assert test in runs and build in runs
    assert runs.index(test) < runs.index(build)  # no site is published whose tests failed
    build_steps = [run for run in runs if "mkdocs" in run]
    assert build_steps == [build]  # no other, different build


def test_workflow_builds_for_the_pages_url_from_configure_pages(workflow):
    pages = step_using(workflow, "actions/configure-pages")
    build = next(step for step in steps(workflow) if step.get("run", "").strip() == readme_command("mkdocs build"))
    assert build["env"]["SITE_URL"].replace(" ", "") == "${{steps.%s.outputs.base_url}}" % pages["id"]
    all_steps = steps(workflow)
    assert all_steps.index(pages) < all_steps.index(build)
    assert "SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # mkdocs.yml reads it


def test_workflow_triggers_permissions_and_concurrency(workflow):
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"


def test_workflow_checks_out_uploads_the_built_site_and_deploys_it(workflow):
    step_using(workflow, "actions/checkout")
    assert step_using(workflow, "actions/upload-pages-artifact")["with"]["path"] == "site"  # mkdocs' site_dir
    deploy_step = step_using(workflow, "actions/deploy-pages")
    deploy_job = next(job for job in workflow["jobs"].values() if deploy_step in job.get("steps", []))
    build_job = next(name for name, job in workflow["jobs"].items()
                     if step_using(workflow, "actions/upload-pages-artifact") in job.get("steps", []))
    assert build_job in ([deploy_job["needs"]] if isinstance(deploy_job["needs"], str) else deploy_job["needs"])
    assert deploy_job["environment"]["name"] == "github-pages"


def test_workflow_runs_on_debian_with_python_3_11(workflow):
    """scripts/test.sh installs Debian's chromium with apt-get, as root: a Debian image does that."""
    build_job = next(job for job in workflow["jobs"].values()
                     if any(step.get("run", "").strip() == "bash scripts/test.sh" for step in job["steps"]))
    image = build_job["container"] if isinstance(build_job["container"], str) else build_job["container"]["image"]
    assert re.fullmatch(r"python:3\.11(\.\d+)?-(bookworm|trixie)", image), image


def test_readme_explains_deploying():
    deploy = README.split("## Deploy", 1)
    assert len(deploy) == 2, "README.md needs a '## Deploy' section"
    section = deploy[1]
    for needed in ("GitHub Actions", "SITE_URL", "site_url", "custom domain", ".github/workflows/deploy.yml"):
        assert needed in section, needed


def test_workflow_checks_out_the_whole_history_that_git_can_read(workflow):
    """Out-of-date notices carry the date their English page changed only with the full history
    (a shallow clone gives no dates) and a checkout git trusts (the container runs as root)."""
    checkout = step_using(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    runs = [step.get("run", "").strip() for step in steps(workflow)]
    trust = 'git config --global --add safe.directory "$GITHUB_WORKSPACE"'
    assert trust in runs and runs.index(trust) < runs.index(readme_command("mkdocs build"))
