"""Pages a build does not visit at all: put back from its previous output, because nothing they are
made from changed.

The page store (`pages.py`) spares a page its rendering, but MkDocs still visits it: reads its
source, runs every hook on it and writes it, a few milliseconds a page, seconds for a language of a
thousand pages. Before MkDocs reads any page (`on_nav`, once the nav is made), each page gets a visit
key (`page_visit_key`); a page whose key is the one recorded when it was last made (`<code>.visits`,
beside the page store), and whose output file in the previous output (`plan.previous_output`: the
previous site, the served folder, or the language kept in `<cache>/languages/`) is still the file
recorded, is put back (a hard link) and excluded from MkDocs' reading and writing of pages
(`File.inclusion`), the nav already holding it. Its title, front matter, anchors and links to
anchors are given back to its `Page` (`fill_in`), so the nav of the pages that are made, the sitemap
and the check of links to anchors (`check_links`, as MkDocs checks the pages it made) are what a
full build gives. (MkDocs' `pages` template variable, the files it builds, then leaves them out: no
template of Material, MaterialX or ours reads it; a theme that lists `pages` would need this off,
`build_cache: false`.)

What a visit key holds is what a page's output can depend on that is known before it is read:

- the language's (`language_signature`): the build's inputs (`keys.build_inputs`), every file and its
  URL, the nav as it will be (with the titles the index gives), which pages each language has,
  what each page shows of itself on other pages (its URL, title, chapter number and the front matter
  the theme's nav reads: all but `PAGE_LOCAL_META`), and the default language's pages an `extra:`
  setting names (the sources page, whose references every article cites);
- the page's: its source and the default language's, its index entry (front matter, description,
  topics, reading time), its status in every language and the date its original last changed.

A page that shows other pages' descriptions or topics (a generated page, such as a topic page; a page
with an `<!-- insert: ... -->` marker, whose block lists chapters, topics or statuses; a page that
includes a snippet) has no visit key: it is visited at every build, and the page store spares it what
did not change.
"""

from __future__ import annotations

import logging
import os
import pickle
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from multilingual.pages import page_title
from multilingual.sources import read_page_source, split_front_matter

from . import cache_write_failure, link_or_copy, replace_file
from .keys import OBJECT_ADDRESS, digest, file_digest, files_signature

log = logging.getLogger("mkdocs.plugins.reuse")

VISITS_SUFFIX = ".visits"  # <cache>/pages/<inputs>/<code>.visits
# Front matter that only the page itself and the pages that list it show, never the nav of others.
PAGE_LOCAL_META = frozenset({"description", "tags", "source_hash", "reviewed", "search"})
_LISTS_OTHERS = re.compile(r"<!--\s*insert:|--8<--")


@dataclass
class VisitRecord:
    """What a page was made from (`key`), the output file it was written to, and what its visit
    gave its `Page` that other pages use."""

    key: str
    dest_uri: str
    size: int
    mtime_ns: int
    title: str | None
    meta: dict
    anchors: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]]  # linked page's src_uri -> {anchor: link as written}
    entries: tuple[str, ...] = ()  # the page store's entries the page was made from


def lists_other_pages(path: str) -> bool:
    """Whether a page's source asks for a block made from other pages (an insert marker) or
    includes another file (a snippet). The source as the index read it (`read_page_source`, kept
    per version of the file), not read again."""
    return _LISTS_OTHERS.search(read_page_source(path).text) is not None


def planned_nav(items: Iterable, pages: dict) -> str | None:
    """The nav as the pages will show it, before any is read: each entry's kind, URL and title, a
    page's title from the index (`pages`); a generated page's from its content, as MkDocs will read
    it. None if a page in the nav is neither."""
    parts: list[str] = []

    def walk(entries) -> bool:
        for entry in entries:
            file = getattr(entry, "file", None)
            if file is None:
                parts.append(f"{type(entry).__name__}\0{entry.title}\0{getattr(entry, 'url', '')}")
            elif file.src_uri in pages:
                parts.append(f"page\0{entry.url}\0{pages[file.src_uri].title}")
            elif file.generated_by:  # a topics index, say: its title, not its listing, is in every nav
                meta, body = split_front_matter(file.content_string, file.src_uri)
                parts.append(f"generated\0{entry.url}\0{page_title(meta, body, file.src_uri, file.src_uri)}")
            else:
                return False
            if not walk(getattr(entry, "children", None) or ()):
                return False
            parts.append("\0end")
        return True

    return digest(*parts) if walk(items) else None


def language_signature(inputs: str, files, nav_items: Iterable, context, named_pages: Iterable[str]) -> str | None:
    """What every page of a language build shows of the others (see the module's docstring); None if
    it cannot be told before the pages are read."""
    tree = context.tree
    nav = planned_nav(nav_items, context.pages)
    if nav is None or tree is None:
        return None
    shown = [(info.src_uri, info.url, info.title, info.untranslated, info.number,
              sorted((str(name), value) for name, value in info.meta.items() if name not in PAGE_LOCAL_META))
             for _, info in sorted(context.pages.items())]
    default = context.default.code
    named = [file_digest(tree.path(default, uri)) for uri in sorted(set(named_pages)) if tree.has(default, uri)]
    text = repr(shown) + repr(sorted((code, sorted(uris)) for code, uris in tree.pages.items()))
    if OBJECT_ADDRESS.search(text):
        return None
    return digest(inputs, context.language.code, files_signature(files), nav, text,
                  repr(sorted(context.shared_urls)), repr(sorted(context.theme_urls)), *named)


def page_visit_key(signature: str, file, context) -> str | None:
    """What the output of the page of `file` depends on; None if it must be visited at every build."""
    info = context.pages.get(file.src_uri)
    if info is None or file.generated_by or not file.abs_src_path or lists_other_pages(file.abs_src_path):
        return None
    tree, uri = context.tree, file.src_uri
    original = file_digest(tree.path(context.default.code, uri)) if tree.has(context.default.code, uri) else b""
    in_languages = []
    for language in context.languages:
        state = context.status.get((language.code, uri))
        in_languages.append(f"\0{language.code}{tree.has(language.code, uri)}{state and (state.state, state.reviewed)}")
    text = f"{info!r}\0{context.changed_on.get(uri)!r}{''.join(in_languages)}"
    if " at 0x" in text:  # OBJECT_ADDRESS, read wider and quicker (a thousand pages): a value known only by its address
        return None
    return digest(signature, uri, file.url, file.dest_uri, file_digest(file.abs_src_path), original, text)


def named_pages(extra: Mapping) -> list[str]:
    """The pages `extra:` settings name (`sources_page: sources.md`): hooks may read them for others."""
    return [value for value in extra.values() if isinstance(value, str) and value.endswith(".md")]


def put_back(record: VisitRecord, previous_output: str, site_dir: str, move_folder: bool = False) -> bool:
    """Link the page's previous output file into the new site folder, if it is still the file that
    was recorded; or, if `move_folder` (the previous output is spare and the page's folder holds its
    file alone: `lone_page_folders`), move that folder, one rename instead of a new folder and a link.
    Nothing writes it again: MkDocs leaves the page out (`PageVisits.plan`)."""
    previous = os.path.join(previous_output, record.dest_uri)
    try:
        stat = os.stat(previous)
        if (stat.st_size, stat.st_mtime_ns) != (record.size, record.mtime_ns):
            return False
        destination = os.path.join(site_dir, record.dest_uri)
        if move_folder:
            try:  # refused if the place is taken or its parent is not made yet: then linked
                os.rename(os.path.dirname(previous), os.path.dirname(destination))
                return True
            except OSError:
                pass
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        link_or_copy(previous, destination)
    except OSError:
        return False
    return True


def lone_page_folders(files) -> set[str]:
    """The folders (`<page>`, below the site folder) that hold one file of the build, a page's
    `<page>/index.html`. A page is put back only if the build's files are the ones of its last visit
    (`files_signature`, in its key), so in the output of that visit its folder held nothing else."""
    below: Counter[str] = Counter()
    for file in files:
        parts = file.dest_uri.split("/")
        for end in range(1, len(parts)):
            below["/".join(parts[:end])] += 1
    return {folder for folder, count in below.items() if count == 1}


def read_records(path: str) -> dict[str, VisitRecord]:
    try:
        with open(path, "rb") as file:
            records = pickle.load(file)
        return records if isinstance(records, dict) else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return {}


def write_records(path: str, records: dict[str, VisitRecord], cache_dir: str) -> None:
    """Write the records aside, then put them in place (an interrupted build leaves the old ones)."""
    try:
        replace_file(path, pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as error:
        log.warning(cache_write_failure(cache_dir, error))


@dataclass
class PageVisits:
    """One language build's visits: which pages are put back instead of visited, and the records
    of this build's pages for the next."""

    records_path: str | None  # None: pages are not recorded (no cache)
    cache_dir: str = ""
    keys: dict[str, str] = field(default_factory=dict)  # src_uri -> visit key
    kept: dict[str, VisitRecord] = field(default_factory=dict)  # src_uri -> record: put back, not visited
    made: dict[str, VisitRecord] = field(default_factory=dict)  # src_uri -> record of a page visited cleanly
    files: Files | None = None  # the build's files, once planned

    def plan(self, signature: str | None, files, config, context, previous_output: str | None,
             spare: bool = False) -> None:
        """on_nav: the pages' visit keys; the pages put back from `previous_output` (moved out of it if
        it is `spare`) into the site folder, left out of MkDocs' reading and writing of pages."""
        if self.records_path is None or signature is None:
            return
        self.files = files
        pages = files.documentation_pages()
        self.keys = {file.src_uri: key for file in pages if (key := page_visit_key(signature, file, context))}
        if not previous_output or not os.path.isdir(previous_output):
            return
        records = read_records(self.records_path)
        lone = lone_page_folders(files) if spare else set()
        for file in pages:
            record = records.get(file.src_uri)
            if record is not None and record.key == self.keys.get(file.src_uri) and record.dest_uri == file.dest_uri \
                    and put_back(record, previous_output, config.site_dir, posixpath.dirname(file.dest_uri) in lone):
                self.kept[file.src_uri] = record
                if file.page is None:  # not in the nav: MkDocs makes its Page as it reads it
                    Page(None, file, config)
                file.inclusion = InclusionLevel.EXCLUDED  # MkDocs neither reads nor writes it

    def fill_in(self, files) -> list:
        """on_env: give each page put back what its visit would have given it; the pages."""
        pages = []
        for uri, record in self.kept.items():
            page = files.get_file_from_path(uri).page
            page.meta = dict(record.meta)
            page.title = record.title
            page.present_anchor_ids = set(record.anchors)
            page.links_to_anchors = {linked: dict(anchors) for linked_uri, anchors in record.links_to_anchors.items()
                                     if (linked := files.get_file_from_path(linked_uri)) is not None}
            pages.append(page)
        return pages

    def check_links(self, log_level: int) -> None:
        """on_post_build: check the links to anchors of the pages put back, as MkDocs checks those of
        the pages it made (`validation.links.anchors`): against the anchors of the pages as they are now."""
        for uri in self.kept:
            assert self.files is not None  # a page is put back only once the files are known
            file = self.files.get_file_from_path(uri)
            if file is not None and file.page is not None:
                file.page.validate_anchor_links(files=self.files, log_level=log_level)

    def visited(self, page, entries: Iterable[str]) -> None:
        """A page made without a warning: record it (its output file is stat'ed when the build ends)."""
        key = self.keys.get(page.file.src_uri)
        if key is None:
            return
        self.made[page.file.src_uri] = VisitRecord(
            key, page.file.dest_uri, 0, 0, page.title, dict(page.meta), frozenset(page.present_anchor_ids or ()),
            {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()},
            tuple(entries))

    def finish(self, site_dir: str) -> None:
        """on_post_build: record every page this build put back or made cleanly, as written."""
        if self.records_path is None or not self.keys:
            return
        records = {}
        for uri, record in {**self.kept, **self.made}.items():
            try:
                stat = os.stat(os.path.join(site_dir, record.dest_uri))
            except OSError:
                continue
            record.size, record.mtime_ns = stat.st_size, stat.st_mtime_ns
            records[uri] = record
        write_records(self.records_path, records, self.cache_dir)
