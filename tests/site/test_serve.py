"""`mkdocs serve` serves every language and rebuilds when a translation changes."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import page


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


def test_serve_serves_all_languages_and_rebuilds_on_a_translation_change(project):
    project.build()  # writes mkdocs.yml
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/guide/"
        wait_for(base, "Home")
        wait_for(base + "fr/", "Accueil")
        wait_for(base + "ar/chapter/", "Some words about trust.")
        project.write("docs/fr/index.md", page("Accueil", tags=[], body="Un texte tout neuf.\n"))
        wait_for(base + "fr/", "Un texte tout neuf.")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
