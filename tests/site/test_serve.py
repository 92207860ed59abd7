"""`mkdocs serve` serves every language at the site's address, rebuilds when a translation changes,
and keeps serving a language whose background rebuild failed, saying which and why."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import build_environment, page


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url, text, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body and text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


FAIL_FRENCH_WHEN_FLAGGED = '''
import os
from mkdocs.exceptions import PluginError
def on_config(config):
    flag = os.path.join(os.path.dirname(config.config_file_path), "fail-french")
    if config.extra.get("build_language") == "fr" and os.path.exists(flag):
        raise PluginError("the French build was told to fail")
'''


@pytest.fixture
def served(project):
    """`mkdocs serve` of the small project on a free port; yields (base URL, a function giving the log so far)."""
    project.write("test_hooks/fail_french.py", FAIL_FRENCH_WHEN_FLAGGED)
    project.config["hooks"].append("test_hooks/fail_french.py")
    project.config["site_url"] = "http://127.0.0.1:8000/guide/"  # serve takes its path, not its host
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    port = free_port()
    log_path = project.path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project.path,
                                  env=build_environment(), stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            yield f"http://127.0.0.1:{port}/guide/", lambda: log_path.read_text()
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Traceback" not in log_path.read_text(), log_path.read_text()


def test_serve_serves_all_languages_and_rebuilds_on_a_translation_change(project, served):
    base, _ = served
    wait_for(base, "Home")
    wait_for(base + "fr/", "Accueil")
    wait_for(base + "ar/chapter/", "Some words about trust.")
    project.write("docs/fr/index.md", page("Accueil", tags=[], body="Un texte tout neuf.\n"))
    wait_for(base + "fr/", "Un texte tout neuf.")


def test_a_failed_background_language_keeps_its_last_pages_served_and_is_reported(project, served):
    base, log = served
    wait_for(base + "fr/", "Accueil")
    (project.path / "fail-french").write_text("")  # not a watched file: the next edit is English only
    project.write("docs/en/index.md", page("Home", tags=[], body="A brand new English text.\n"))
    wait_for(base, "A brand new English text.")
    deadline = time.monotonic() + 60
    while "Building language 'fr' failed: the French build was told to fail" not in log():
        assert time.monotonic() < deadline, log()
        time.sleep(0.3)
    assert "Accueil" in fetch(base + "fr/")  # its previous pages are still served
