"""Profile one language's build with cProfile, as a language worker runs it.

    .venv/bin/python benchmarks/profile_build.py PROJECT [CODE] [--warm-up CODE] [--top N]

PROJECT is a project folder (mkdocs.yml, hooks/, docs/...), e.g. benchmarks/.work/ours after a
benchmark run. The build of CODE (default fr) runs in this process after an unprofiled build of the
warm-up language (default it), as in a worker that builds its second language; `--warm-up ''`
profiles a first, cold build. Prints where the time goes by package, then the top functions by
cumulative time; the raw profile goes to benchmarks/.work/profile-CODE.prof (snakeviz, pstats...),
the built site to a temporary folder.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work"


def area(filename: str, function: str) -> str:
    if "jinja2" in filename or filename.endswith((".html", ".xml")):
        return "Jinja templates (Material's and ours)"
    for marker, name in (("/markdown/", "Markdown"), ("material/plugins/search", "Material search"),
                         ("html/parser", "Material search"), ("/hooks/", "our hooks"), ("/mkdocs/", "MkDocs"),
                         ("/yaml/", "PyYAML"), ("jieba", "jieba")):
        if marker in filename:
            return name
    return "other (builtins, stdlib)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("code", nargs="?", default="fr")
    parser.add_argument("--warm-up", default="it")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    project = args.project.resolve()
    os.chdir(project)
    sys.path.insert(0, str(project / "hooks"))
    from builds import workers

    site = tempfile.mkdtemp(prefix="profile-site-")

    def request(code: str):
        return workers.BuildRequest(str(project / "mkdocs.yml"), code, site, "https://example.github.io/bench/")

    try:
        if args.warm_up:
            workers.build_language(request(args.warm_up))
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        result = workers.build_language(request(args.code))
        profile.disable()
        print(f"{args.code}: {time.perf_counter() - started:.2f} s under cProfile" + (f", error: {result.error}" if result.error else ""))
        WORK.mkdir(exist_ok=True)
        out = WORK / f"profile-{args.code}.prof"
        profile.dump_stats(out)
        stats = pstats.Stats(str(out))
        totals: collections.Counter = collections.Counter()
        for (filename, _, function), (_, _, own, _, _) in stats.stats.items():
            totals[area(filename, function)] += own
        everything = sum(totals.values())
        for name, seconds in totals.most_common():
            print(f"  {seconds:6.2f} s  {seconds / everything:5.1%}  {name}")
        stats.sort_stats("cumulative").print_stats(args.top)
    finally:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
