"""What files that are not pages cost the output: the real site with 10 MB of images under docs/en/img/
(each used by a chapter), built as they are (one copy serves every language) and as a maintainer
would have had to before (a copy in each of the 12 language folders).

    .venv/bin/python benchmarks/shared_files.py [--megabytes 10]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from run import BASE_ENV, ROOT, copy_project, output_figures


def folder_size(folder: Path) -> int:
    return output_figures(folder)[2]


def build(project: Path) -> Path:
    env = {**BASE_ENV, "SITE_URL": "https://example.github.io/guide/", "GITHUB_REPOSITORY": "maintainers/trust-guide"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
                   cwd=project, env=env, check=True)
    return project / "site"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        project = Path(work) / "project"
        copy_project(project, ROOT / "docs")
        images = project / "docs" / "en" / "img"
        images.mkdir()
        count = args.megabytes * 2
        for number in range(count):  # incompressible, as photographs are
            (images / f"photo-{number:02}.jpg").write_bytes(os.urandom(512 * 1024))
        chapter = project / "docs" / "en" / "understanding-trust.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\n" + "".join(
            f"![Photo {n}](img/photo-{n:02}.jpg)\n" for n in range(count)), encoding="utf-8")
        without = folder_size(build_plain(project))
        shared = folder_size(build(project))
        languages = [path.name for path in (project / "docs").iterdir() if path.name != "en"]
        for code in languages:  # the old way: a copy of every image in every language folder
            shutil.copytree(images, project / "docs" / code / "img")
        copied = folder_size(build(project))
    mb = 1024 * 1024
    print(f"images: {count} files, {args.megabytes} MB, used by one chapter, in 12 languages")
    print(f"site without the images:                     {without / mb:7.1f} MB")
    print(f"one copy serves every language (this build): {shared / mb:7.1f} MB  (+{(shared - without) / mb:.1f} MB)")
    print(f"a copy in every language folder:             {copied / mb:7.1f} MB  (+{(copied - without) / mb:.1f} MB)")
    return 0


def build_plain(project: Path) -> Path:
    """The site before the images were added (the chapter's image links taken out)."""
    plain = project.parent / "plain"
    shutil.copytree(project, plain, ignore=shutil.ignore_patterns("img"))
    chapter = plain / "docs" / "en" / "understanding-trust.md"
    chapter.write_text("\n".join(line for line in chapter.read_text(encoding="utf-8").splitlines()
                                 if not line.startswith("![Photo")) + "\n", encoding="utf-8")
    return build(plain)


if __name__ == "__main__":
    sys.exit(main())
