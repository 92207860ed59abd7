"""The plan of each build (hooks/builds/session.py): whether MkDocs serves it, whatever `on_startup` said."""

import tempfile

import pytest

from builds.session import is_serving


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
