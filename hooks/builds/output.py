"""Writing a site aside and swapping it in at the end, so a failed or interrupted build leaves the
previous site (or nothing), never a partial site that looks whole.

The site is built into a hidden folder beside the site folder, `.<name>.building-<pid>`; when the
build has succeeded it is renamed into place (the old site is renamed away first, then removed).
A build that fails, or is interrupted, removes its folder; one killed outright leaves it hidden, and
the next build removes it.
"""

from __future__ import annotations

import glob
import os
import shutil

BUILDING = ".building-"
OLD = ".old-"


def staging_dir(site_dir: str, pid: int | str | None = None) -> str:
    """The hidden folder the build of process `pid` (default: this one) writes `site_dir` into."""
    parent, name = os.path.split(os.path.normpath(os.path.abspath(site_dir)))
    return os.path.join(parent, f".{name}{BUILDING}{os.getpid() if pid is None else pid}")


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned(site_dir: str) -> list[str]:
    """Remove the staging folders of earlier builds of `site_dir` whose process is gone."""
    removed = []
    for folder in glob.glob(staging_dir(site_dir, pid="*")):
        pid = folder.rsplit(BUILDING, 1)[1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def begin(site_dir: str) -> str:
    """Make an empty staging folder for a build of `site_dir`; its path."""
    remove_abandoned(site_dir)
    staging = staging_dir(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    return staging


def swap_in(built: str, target: str, remove_old: bool = True) -> str:
    """Put the finished folder `built` in place of `target` (a site, a language of it, a search
    bundle): two renames, so `target` is missing for microseconds only; then the old one is removed
    (or left, hidden, to a caller with something more urgent to do: its path is returned)."""
    target = os.path.normpath(os.path.abspath(target))
    old = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}{OLD}{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if os.path.lexists(target):
        os.rename(target, old)
    os.rename(built, target)
    if remove_old:
        shutil.rmtree(old, ignore_errors=True)
    return old


def discard(staging: str) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def write_failure(error: OSError, site_dir: str) -> str:
    """What to tell a maintainer whose build could not write (a full disk, a read-only folder...)."""
    cause = error.strerror or str(error)
    return (f"Could not write the site into {os.path.abspath(site_dir)}: {cause}"
            f"{f' ({error.filename})' if error.filename else ''}. The previous site is kept and no part of "
            "this build is left behind. Free space on that disk (or fix the folder's permissions), then build again.")
