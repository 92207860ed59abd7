"""Bad input: the one kind of error every hook turns into a clean MkDocs error, no traceback."""

from __future__ import annotations

from contextlib import contextmanager

from mkdocs.exceptions import PluginError


class SiteInputError(Exception):
    """Something in docs/, data/ or mkdocs.yml that the site cannot be built from. The message
    names the file (and line, where there is one) and says what to do."""


@contextmanager
def reported_to_mkdocs():
    """Let a hook's bad-input errors reach MkDocs as a `PluginError`: one message, no traceback."""
    try:
        yield
    except SiteInputError as error:
        raise PluginError(str(error)) from None
