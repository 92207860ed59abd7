"""The files of a language build that MkDocs does not find by itself in the language's folder."""

from __future__ import annotations

from mkdocs.structure.files import File

from .context import BuildContext
from .assets import add_default_language_files


class UntranslatedFile(File):
    """A page this language has not translated: built from the default language's source under
    this language's URL. Marked by its type when it is made, so every hook can tell
    (`isinstance(page.file, UntranslatedFile)`)."""


def add_language_files(files, config, context: BuildContext) -> set[str]:
    """Add to a non-default language's build the pages it lacks (from the default language) and
    the default language's other files it has no copy of; the URLs of the latter."""
    assert context.tree is not None, "on_files scans the docs tree first"
    for src_uri in context.tree.missing(context.language.code):
        files.append(UntranslatedFile(src_uri, context.default_docs_dir, config.site_dir, config.use_directory_urls))
    return add_default_language_files(files, context.tree, context.language.code, context.default_docs_dir, config)


def is_untranslated(file: File) -> bool:
    return isinstance(file, UntranslatedFile)
