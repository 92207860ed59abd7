"""Pages reused from earlier builds, keyed by what they are made from (`keys`), kept in a cache
folder (`store`), looked up and stored through MkDocs' page events (`pages`)."""

from __future__ import annotations

import os
import shutil
from typing import Mapping

from multilingual.errors import SiteInputError

from . import keys

CACHE_SETTING = "build_cache"  # extra.build_cache: the cache folder, from mkdocs.yml's folder
DEFAULT_CACHE = ".cache"
PAGES_MADE_KEY = "pages_made"  # config.extra[...]: the pages a build rendered anew, for its report
PAGES_PUT_BACK_KEY = "pages_put_back"  # config.extra[...]: how many pages a build put back unvisited (`visits`)
PREVIOUS_OUTPUT_KEY = "previous_output"  # config.extra[...] of a language worker's build: pages to put back
SPARE_OUTPUT_KEY = "previous_output_is_spare"  # config.extra[...]: True if they may be moved (`Plan`)
PAGES_FOLDER, SEARCH_FOLDER = "pages", "search"  # <cache>/pages: pages (`store`); <cache>/search: search bundles
FACTS_FOLDER = "facts"  # <cache>/facts: what hooks work out from a page's text, kept by the text (reading times)


class CacheSettingError(SiteInputError):
    pass


def link_or_copy(source: str, destination: str) -> None:
    """A file kept in (or taken from) the cache: a hard link where the file system allows it, so it
    costs no room and no writing; a copy elsewhere. Safe for files nothing writes in place."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def replace_file(path: str, data: bytes) -> None:
    """Write `data` beside `path` (its folder made if need be), then rename it into place: a reader
    never finds half a file, and a failed write leaves the old one and nothing beside it (the
    `OSError` is raised)."""
    temporary = f"{path}.tmp-{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise


def cache_write_failure(folder: str, error: OSError) -> str:
    """What to tell when the cache cannot be written (a full disk, a read-only folder): the site
    is still built whole, it only keeps nothing for the next build."""
    return (f"Could not keep what this build made for later builds in {folder}: {error.strerror or error}. "
            "The site is built all the same. Free some space or fix the folder's permissions, or set "
            f"BUILD_CACHE=false (extra.{CACHE_SETTING}: false) to keep nothing.")


def cache_folder(extra: Mapping, project_dir: str) -> str | None:
    """The folder where a build keeps what later builds may reuse: `extra.build_cache`, `.cache` by
    default; None when `build_cache: false` turns reuse off."""
    value = extra.get(CACHE_SETTING, DEFAULT_CACHE)
    if value is False or value == "false":  # `false`, or BUILD_CACHE=false through `!ENV`
        return None
    if not isinstance(value, str) or not value.strip():
        raise CacheSettingError(
            f"mkdocs.yml: extra.{CACHE_SETTING} is {value!r}; give a folder (from mkdocs.yml's folder), "
            f"e.g. `{CACHE_SETTING}: {DEFAULT_CACHE}`, or `{CACHE_SETTING}: false` to make every page anew at every build.")
    return os.path.normpath(os.path.join(project_dir, value))


def project_inputs(config, project_dir: str) -> list[str]:
    """The project's files a page may be made from, besides its sources: the hooks' folders, the
    theme's custom folder, `data/`, and any file or folder of the project an `extra:` setting names
    (e.g. `ui_strings: data/ui`), but the cache folder and a worker's previous output (in the cache)."""
    paths = [os.path.dirname(os.path.abspath(module.__file__)) for module in (config.hooks or {}).values()
             if getattr(module, "__file__", None)]
    paths += [config.theme.custom_dir or "", os.path.join(project_dir, "data")]
    for key, value in config.extra.items():
        if key not in (CACHE_SETTING, PREVIOUS_OUTPUT_KEY) and isinstance(value, str) and value and "\n" not in value and not value.startswith(("http:", "https:")):
            path = os.path.normpath(os.path.join(project_dir, value))
            if path.startswith(project_dir + os.sep) and os.path.exists(path):
                paths.append(path)
    unique = sorted({os.path.abspath(path) for path in paths if path and os.path.exists(path)})
    # A folder inside another is already hashed with it.
    return [path for path in unique if not any(path.startswith(other + os.sep) for other in unique)]


def inputs_of(config, context, cache: str | None) -> str:
    """What every page of this build is made from besides its sources (`keys.build_inputs`): the
    same for the main build and each language's."""
    assert context.plan is not None  # the build's plan is made before anything reads its inputs
    return keys.build_inputs(config.config_file_path, project_inputs(config, context.project_dir),
                             (context.root_site_url, context.plan.serving), os.environ, cache=cache)
