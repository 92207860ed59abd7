"""Bad input: the one kind of error every hook turns into a clean MkDocs error, no traceback."""

from __future__ import annotations

import functools
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


def reporting(method):
    """A hook handler that reports bad input the way `reported_to_mkdocs` does (keeping the
    method's `mkdocs_priority`)."""

    @functools.wraps(method)
    def handler(*args, **kwargs):
        with reported_to_mkdocs():
            return method(*args, **kwargs)

    return handler


def event_handlers(hooks: object) -> dict[str, object]:
    """The `on_*` methods of a hook object, as the module-level functions MkDocs looks for in a
    hook file (`globals().update(event_handlers(...))`), each reporting bad input cleanly."""
    return {name: reporting(getattr(hooks, name)) for name in dir(hooks) if name.startswith("on_")}
