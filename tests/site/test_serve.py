"""`mkdocs serve` (plain, `--clean` and `--dirty`) serves every language at the site's address, as a
preview (no Content-Security-Policy: it would block MkDocs' live-reload script), rebuilds when a
translation changes, keeps serving a language whose background rebuild failed, saying which and why,
and, stopped with Ctrl-C, leaves no temp folder behind."""

import os
import re
import signal
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


def served_file(html):
    """A page as served, without the live-reload call MkDocs adds, which names the site's version."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", html)


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
def served(project, request, tmp_path_factory):
    """`mkdocs serve` (with the options of `request.param`, if the test gives any) of the small project
    on a free port; yields (base URL, a function giving the log so far). Stopped as a maintainer
    stops it, with Ctrl-C; its temp folder (a private TMPDIR) must then hold nothing of it."""
    options = getattr(request, "param", ())
    project.write("test_hooks/fail_french.py", FAIL_FRENCH_WHEN_FLAGGED)
    project.config["hooks"].append("test_hooks/fail_french.py")
    project.config["site_url"] = "http://127.0.0.1:8000/guide/"  # serve takes its path, not its host
    first = project.build("--strict")
    assert first.returncode == 0, first.output
    port = free_port()
    log_path = project.path / "serve.log"
    temp = tmp_path_factory.mktemp("serve-temp")  # where mkdocs serve makes its site folder, mkdocs_*
    with open(log_path, "w") as log:
        # As from a terminal (see test_generator's Ctrl-C test): SIGINT's default action, its own group.
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
                                  cwd=project.path, env=build_environment(TMPDIR=str(temp)), stdout=log,
                                  stderr=subprocess.STDOUT, text=True, start_new_session=True,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            wait_for(f"http://127.0.0.1:{port}/guide/", "Home")
            assert os.listdir(temp), "mkdocs serve made no folder in its TMPDIR"  # so the check below can fail
            yield f"http://127.0.0.1:{port}/guide/", lambda: log_path.read_text()
        finally:
            os.killpg(server.pid, signal.SIGINT)  # Ctrl-C: MkDocs shuts down and removes its site folder
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                raise
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
    assert os.listdir(temp) == [], "mkdocs serve left its temp folder behind"


@pytest.mark.parametrize("served", [(), ("--clean",), ("--dirty",)], indirect=True, ids=["serve", "clean", "dirty"])
def test_serve_serves_all_languages_and_rebuilds_on_a_translation_change(project, served, request):
    """Plain `mkdocs serve` also rebuilds the edited language alone (the others' inputs did not change:
    a translation that stays current changes no status) and makes again only the edited page."""
    base, log = served
    home = wait_for(base, "Home")
    french = wait_for(base + "fr/", "Accueil")
    wait_for(base + "ar/chapter/", "Some words about trust.")
    for page_html in (home, french):  # the main build's page and a worker's: both served as a preview
        assert "livereload(" in page_html and "Content-Security-Policy" not in page_html
    deadline = time.monotonic() + 60
    while "Languages built:" not in log():  # the first build's languages are all built
        assert time.monotonic() < deadline, log()
        time.sleep(0.3)
    before = log()
    put_back = {url: fetch(url) for url in (base + "chapter/", base + "fr/chapter/")}
    from multilingual.translation_status import source_hash

    project.write("docs/fr/index.md", page("Accueil", tags=[], body="Un texte tout neuf.\n",
                                           source_hash=source_hash(page("Home", tags=[])), reviewed=True))
    wait_for(base + "fr/", "Un texte tout neuf.")
    if request.node.callspec.id != "serve":
        return
    deadline = time.monotonic() + 60
    while "Languages built:" not in log()[len(before):]:
        assert time.monotonic() < deadline, log()
        time.sleep(0.3)
    time.sleep(1)  # a background language would be reported by now
    rebuilt = re.findall(r"Languages built: (.*)", log()[len(before):])
    assert len(rebuilt) == 1 and re.fullmatch(r"fr [\d.]+s \(1 made: index\.md; 1 put back\)", rebuilt[0]), log()
    # English reused every page; French put back its one page that does not list others (the chapter).
    assert re.search(r"Pages 0 made; reused: \d+; put back: [1-9]", log()[len(before):]), log()
    # The chapters put back (moved out of the last rebuild's output) are served as they were (but the
    # version of the site MkDocs writes into the live-reload call it adds).
    assert all(put_back[url] and served_file(fetch(url)) == served_file(put_back[url]) for url in put_back), log()


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
