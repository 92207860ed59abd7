"""One run of `mkdocs build` or `mkdocs serve` in this process, and the plan of each build in it.

`Session` is the one place that knows the command (`on_startup`). Each build gets a plan from it,
made in `on_config` before anything is read, that says what the build does around its language:

- `SitePlan` (`mkdocs build`, `gh-deploy`): the site is written aside and swapped in at the end
  (`output`); every language is awaited, and indexed; a failure leaves the previous site.
- `ServePlan` (each build of `mkdocs serve`, `--clean` and `--dirty` too): written in place, where
  MkDocs serves it; from one snapshot of the watched tree, the languages whose sources changed: the
  rebuild waits for those and lets the others finish in the background (`serve`); the search
  re-indexes those.
- the base `Plan` (a language build, in a worker): nothing around it; its main build does the rest.

Every hook reads the plan's data (`serving`, `changed`) from the build's context,
`config.extra["i18n"].plan`; the multilingual hook calls its steps. Serve is data, not branches:
nothing but `Session` asks which command runs.
"""

from __future__ import annotations

import logging
import os
import tempfile

from mkdocs.exceptions import PluginError

from multilingual.context import BuildContext

from . import output
from .serve import STAGING, Snapshot, changed_languages, hold, restore, snapshot, watched_paths
from .workers import BuildRequest, BuildResult, LanguageBuilds

log = logging.getLogger("mkdocs.plugins.languages")
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


def report_builds(results: list[BuildResult], skip=frozenset(), announce: bool = True) -> str | None:
    """Log the language builds' warnings (but those of `skip`, already logged); the error message
    of the failed ones, or None."""
    for result in results:
        if result.code not in skip:
            for level, message in result.warnings:
                log.log(level, f"[{result.code}] {message}")
    failed = [result for result in results if result.error and result.code not in skip]
    if failed:
        return "\n".join(f"Building language '{r.code}' failed: {r.error}" for r in failed)
    if announce and results:
        log.info("Languages built: " + ", ".join(f"{r.code} {r.seconds:.1f}s" for r in results))
    return None


class Plan:
    """A build that makes only its own language (a worker's): every step does nothing."""

    serving: bool = False
    """MkDocs' dev server serves the site folder while this build writes it, and adds its live-reload
    script to each page as it serves it (every form of `mkdocs serve`)."""
    changed: tuple[str, ...] = ()
    """The languages (codes, in the site's order) whose sources changed since the last complete
    build, which the search indexes: every language in a `mkdocs build` and in the first build of
    `mkdocs serve`; none in a worker (its main build indexes the site)."""

    def __init__(self, serving: bool = False) -> None:
        self.serving = serving

    def before_clean(self, config) -> None:
        """on_pre_build: before MkDocs empties the site folder."""

    def after_clean(self, config) -> None:
        """on_files: after MkDocs emptied the site folder."""

    def start_languages(self, config, context: BuildContext) -> None:
        """on_nav: every source has been read and checked; start the other languages' builds."""

    def finish_languages(self) -> None:
        """on_post_build: wait for the languages this build waits for; raise if one failed."""

    def fail(self) -> None:
        """on_build_error."""

    def close(self) -> None:
        """on_shutdown (`mkdocs build` and `gh-deploy` only; MkDocs calls it after the build)."""


WorkerPlan = Plan


class SitePlan(Plan):
    """`mkdocs build`: the whole site is written into a staging folder, swapped in at the end."""

    def __init__(self, config, context: BuildContext, staged: bool = True) -> None:
        super().__init__(serving=False)
        self.changed = tuple(language.code for language in context.languages)
        self.site_dir = config.site_dir
        self.staging = output.begin(config.site_dir) if staged else None
        if self.staging:  # every language goes under the root: the context points there too
            config.site_dir = context.root_site_dir = self.staging
        self.config = config
        self.builds: LanguageBuilds | None = None
        self.complete = False
        self.failed = False

    def start_languages(self, config, context: BuildContext) -> None:
        requests = [BuildRequest(config.config_file_path, language.code, context.root_site_dir, context.root_site_url)
                    for language in context.languages[1:]]
        self.builds = LanguageBuilds(requests) if requests else None

    def finish_languages(self) -> None:
        if self.builds is not None:
            error = report_builds(self.builds.results())
            self.builds = None
            if error:
                raise PluginError(error)
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


class ServeMemory:
    """What `mkdocs serve` remembers from one rebuild to the next."""

    def __init__(self) -> None:
        self.watched: Snapshot | None = None  # the watched tree at the last complete rebuild
        self.background: LanguageBuilds | None = None  # the last rebuild's languages still building


class ServePlan(Plan):
    """One `mkdocs serve` rebuild: built in place (MkDocs serves the site folder); it waits for the
    default language and the other languages among `changed`; the others are built aside in the
    background and swapped in, their previous pages served meanwhile.

    `changed` compares `watched`, this rebuild's one snapshot of the watched tree, with the last
    complete rebuild's; it becomes the one the next rebuild compares with only if this one completes,
    so the changes of a failed rebuild are waited for and indexed at the next."""

    def __init__(self, memory: ServeMemory, codes: list[str], docs_root: str, watched: Snapshot) -> None:
        super().__init__(serving=True)
        self.memory = memory
        self.watched = watched
        self.last_complete = memory.watched
        self.changed = changed_languages(memory.watched, watched, docs_root, codes)
        self.languages = codes[1:]  # built by the workers
        self.waiting = [code for code in self.languages if code in self.changed]

    def before_clean(self, config) -> None:
        if self.memory.background is not None:
            self.memory.background.wait()
            self.memory.background = None
        hold(config.site_dir, self.languages)

    def after_clean(self, config) -> None:
        restore(config.site_dir, self.languages)

    def start_languages(self, config, context: BuildContext) -> None:
        staging = os.path.join(context.root_site_dir, STAGING)
        order = self.waiting + [code for code in self.languages if code not in self.waiting]
        requests = [BuildRequest(config.config_file_path, code, staging, context.root_site_url,
                                 publish_dir=context.root_site_dir) for code in order]
        self.memory.background = LanguageBuilds(requests) if requests else None

    def finish_languages(self) -> None:
        builds = self.memory.background
        if builds is not None:
            results = builds.results(self.waiting)
            waited = set(self.waiting)

            def report_the_rest(results: list[BuildResult]) -> None:
                error = report_builds(results, skip=waited)
                if error:  # nothing to stop any more: tell, and keep serving the language's last pages
                    log.error(error)

            builds.finish_in_background(report_the_rest)
            error = report_builds(results, announce=False)
            if error:
                raise PluginError(error)
        self.memory.watched = self.watched

    def fail(self) -> None:
        if self.memory.background is not None:
            self.memory.background.cancel()
            self.memory.background = None
        self.memory.watched = self.last_complete

    def close(self) -> None:
        if self.memory.background is not None:
            self.memory.background.wait()


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
            return WorkerPlan(serving=self.serving)
        self.serving = is_serving(self.command, config.site_dir, tempfile.gettempdir())
        codes = [language.code for language in context.languages]
        if self.serving:
            return ServePlan(self.serve_memory, codes, context.docs_root, snapshot(watched_paths(config, context)))
        return SitePlan(config, context, staged=self.command in ("build", "gh-deploy") and not self.dirty)
