"""One run of `mkdocs build` or `mkdocs serve` in this process, and the plan of each build in it.

`Session` is the one place that knows the command (`on_startup`). Each build gets a plan from it
(`plan.Plan`), made in `on_config` before anything is read, that says what the build does around
its language:

- `SitePlan` (`mkdocs build`, `gh-deploy`): the site is written aside and swapped in at the end
  (`output`); every language is awaited, and indexed; a failure leaves the previous site.
- `serve.ServePlan` (each build of `mkdocs serve`, `--clean` and `--dirty` too): written in place,
  where MkDocs serves it; from one snapshot of the watched tree, the languages whose sources
  changed: the rebuild waits for those and lets the others finish in the background; the search
  re-indexes those.
- the base `Plan` (a language build, in a worker): nothing around it; its main build does the rest.

Every hook reads the plan's data (`serving`, `changed`) from the build's context; the multilingual
hook calls its steps. Serve is data, not branches: nothing but `Session` asks which command runs.
"""

from __future__ import annotations

import os
import tempfile

from mkdocs.exceptions import PluginError

from multilingual import versions
from multilingual.context import BuildContext

from reuse import PREVIOUS_OUTPUT_KEY, SPARE_OUTPUT_KEY, cache_folder, cache_write_failure

from . import output
from .kept import KeptLanguages, build_language_keys
from .plan import Plan, WorkerPlan, log, report_builds
from .serve import ServeMemory, ServePlan, snapshot, watched_paths
from .workers import BuildRequest, LanguageBuilds

# `mkdocs serve` (and ProperDocs' `properdocs serve`) builds into a folder it makes with
# tempfile.mkdtemp(prefix=...) and serves that folder: see `is_serving`.
SERVE_FOLDER_PREFIXES = ("mkdocs_", "properdocs_")


def is_serving(command: str | None, site_dir: str, temp_dir: str) -> bool:
    """Whether the build writes the folder that MkDocs' dev server serves while it builds.

    `command` is what MkDocs passed to `on_startup`: "serve" for `mkdocs serve` and `serve --dirty`,
    but "build" for `serve --clean`, which MkDocs builds as for a deploy (no drafts, no serve URL).
    So a "build" counts as serving when its site folder is the one every `mkdocs serve` makes for
    itself: a new folder `mkdocs_*` right in the temp folder (`temp_dir`, `tempfile.gettempdir()`),
    where no `mkdocs build` writes unless told to with `-d`.
    """
    if command == "serve":
        return True
    parent, name = os.path.split(os.path.normpath(os.path.abspath(site_dir)))
    return command == "build" and parent == os.path.normpath(os.path.abspath(temp_dir)) \
        and name.startswith(SERVE_FOLDER_PREFIXES)


class SitePlan(Plan):
    """`mkdocs build`: the whole site is written into a staging folder, swapped in at the end.
    A language whose inputs are those of a language the cache keeps is copied from there
    (`kept`) instead of built."""

    def __init__(self, config, context: BuildContext, staged: bool = True) -> None:
        super().__init__(serving=False)
        self.changed = tuple(language.code for language in context.languages)
        self.site_dir = config.site_dir
        self.staging = output.begin(config.site_dir) if staged else None
        if self.staging:  # every language goes under the root: the context points there too
            config.site_dir = context.root_site_dir = self.staging
            self.previous_output = self.site_dir  # the default language's pages unchanged are put back from there
        self.config = config
        self.builds: LanguageBuilds | None = None
        self.complete = False
        self.failed = False
        self.cache = cache_folder(config.extra, context.project_dir)
        self.kept = KeptLanguages(self.cache) if self.cache else None
        if self.kept is not None and not self.staging:  # written in place: the kept files would change too
            self.kept.forget()
            self.kept = None
        self.keys: dict[str, str] = {}

    def start_languages(self, config, context: BuildContext) -> None:
        codes = [language.code for language in context.languages[1:]]
        if self.kept is not None:
            self.keys = build_language_keys(config, context, codes)
            kept = [code for code in codes
                    if self.kept.restore(code, self.keys[code], os.path.join(context.root_site_dir, code))]
            if kept:
                log.info(f"Languages unchanged since a kept build, not built again: {', '.join(kept)}")
            codes = [code for code in codes if code not in kept]
        requests = [BuildRequest(config.config_file_path, code, context.root_site_dir, context.root_site_url,
                                 previous_output=self.kept.output(code) if self.kept is not None else None)
                    for code in codes]
        self.builds = LanguageBuilds(requests) if requests else None

    def finish_languages(self) -> None:
        if self.builds is not None:
            results = self.builds.results()
            error = report_builds(results)
            self.builds = None
            if error:
                raise PluginError(error)
            try:
                for result in results:
                    if self.kept is not None and not result.warnings:  # a warning must be seen at every build
                        self.kept.keep(result.code, self.keys[result.code], os.path.join(self.config.site_dir, result.code))
            except OSError as failure:
                assert self.kept is not None
                self.kept.forget()
                log.warning(cache_write_failure(self.kept.folder, failure))
        self.complete = True

    def fail(self) -> None:
        self.failed = True
        if self.builds is not None:
            self.builds.cancel()
            self.builds = None
        if self.staging:
            output.discard(self.staging)
            log.error(f"The build failed; {self.site_dir} is left as it was (no part of this build is in it).")

    def close(self) -> None:
        if self.builds is not None:  # interrupted (Ctrl-C) while languages were building
            self.builds.cancel()
        if self.staging:
            if self.complete and not self.failed:
                output.swap_in(self.staging, self.site_dir)
            else:
                output.discard(self.staging)
            self.config.site_dir = self.site_dir  # gh-deploy publishes config.site_dir next


class Session:
    """The command this process runs, as MkDocs told `on_startup`, and what lasts across its builds.

    A language worker is forked from its main build's process, so its session is a copy of that
    one: its plan serves when its main build's does."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.serving = False  # the last main build's plan serves (workers forked from it read this)
        self.serve_memory = ServeMemory()

    def plan_for(self, config, context: BuildContext) -> Plan:
        """The plan of a build about to start (on_config, once its context is made, before anything
        is read)."""
        if not context.is_default:
            return WorkerPlan(self.serving, config.extra.get(PREVIOUS_OUTPUT_KEY), config.extra.get(SPARE_OUTPUT_KEY) is True)
        self.serving = is_serving(self.command, config.site_dir, tempfile.gettempdir())
        versions.lend(None)  # a serve rebuild's snapshot, if one was cut short, is not this build's
        codes = [language.code for language in context.languages]
        if self.serving:
            return ServePlan(self.serve_memory, codes, context.docs_root, snapshot(watched_paths(config, context)))
        return SitePlan(config, context, staged=self.command in ("build", "gh-deploy") and not self.dirty)
