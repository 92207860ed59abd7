"""Bad input reaches MkDocs as one message (hooks/multilingual/errors.py): every handler of every
hook file reports a `SiteInputError` as a `PluginError` with the same text and nothing chained to it,
which MkDocs prints as one error line, never a traceback."""

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from multilingual.errors import SiteInputError, event_handlers
from multilingual.tree import DocsTreeError


class Hooks:
    @event_priority(100)
    def on_config(self, config):
        raise DocsTreeError("docs/cn: 'cn' is not a language of this site. Rename the folder.")

    def on_files(self, files, config):
        raise KeyError("a bug, not bad input")

    def on_page_markdown(self, markdown, page, config, files):
        return markdown.upper()

    def helper(self):
        """Not a handler: not exported."""


def test_bad_input_becomes_one_plugin_error_with_its_message_and_nothing_chained():
    handlers = event_handlers(Hooks())
    assert sorted(handlers) == ["on_config", "on_files", "on_page_markdown"]
    with pytest.raises(PluginError) as error:
        handlers["on_config"]({})
    assert str(error.value) == "docs/cn: 'cn' is not a language of this site. Rename the folder."
    assert error.value.__cause__ is None and error.value.__suppress_context__  # `from None`: no second traceback
    assert isinstance(DocsTreeError("x"), SiteInputError)


def test_other_errors_and_results_pass_through_and_priorities_are_kept():
    handlers = event_handlers(Hooks())
    with pytest.raises(KeyError):  # a bug keeps its traceback
        handlers["on_files"]([], {})
    assert handlers["on_page_markdown"]("text", None, {}, None) == "TEXT"
    assert handlers["on_config"].mkdocs_priority == 100
