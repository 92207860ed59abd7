"""What a page's visit key holds (`reuse/visits.py`): a page is put back unvisited only when nothing
its output is made from changed, and a page that lists other pages is never put back."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from multilingual.languages import load_languages
from multilingual.pages import index_page
from multilingual.translation_status import CURRENT, STALE, PageStatus
from multilingual.tree import scan_docs
from reuse import visits

LANGUAGES = load_languages([
    {"code": "en", "label": "EN", "name": "English", "material": "en", "hreflang": "en", "direction": "ltr"},
    {"code": "fr", "label": "FR", "name": "Français", "material": "fr", "hreflang": "fr", "direction": "ltr"},
], {"en", "fr"})


def write(root: Path, relative: str, text: str) -> str:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


class French:
    """The French build of a two-page site (`a.md`, `b.md`), as the visit keys see it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for code, word in (("en", "Words"), ("fr", "Mots")):
            write(root, f"{code}/a.md", f"---\ntitle: {word} A\ndescription: {word}.\ntags: [trust]\n---\n\n{word}.\n")
            write(root, f"{code}/b.md", f"---\ntitle: {word} B\n---\n\n{word}.\n")
        self.status = {("fr", uri): PageStatus("fr", uri, CURRENT) for uri in ("a.md", "b.md")}
        self.changed_on: dict = {}

    def context(self):
        tree = scan_docs(str(self.root), LANGUAGES)
        pages = {uri: index_page(tree.path("fr", uri), uri, uri.removesuffix(".md") + "/", False) for uri in ("a.md", "b.md")}
        return SimpleNamespace(tree=tree, pages=pages, status=self.status, changed_on=self.changed_on,
                               languages=LANGUAGES, language=LANGUAGES[1], default=LANGUAGES[0],
                               shared_urls=set(), theme_urls=set())

    def file(self, uri: str, generated: bool = False):
        return SimpleNamespace(src_uri=uri, url=uri.removesuffix(".md") + "/", dest_uri=uri.removesuffix(".md") + "/index.html",
                               abs_src_path=os.path.join(self.root, "fr", uri), generated_by="topics" if generated else None,
                               content_bytes=b"generated")

    def signature(self, context=None):
        context = context or self.context()
        files = [self.file("a.md"), self.file("b.md")]
        nav = [SimpleNamespace(file=file, title=None, url=file.url) for file in files]
        return visits.language_signature("inputs", files, nav, context, named_pages=["sources.md"])

    def key(self, uri: str = "b.md") -> str | None:
        context = self.context()
        return visits.page_visit_key(self.signature(context), self.file(uri), context)


def test_a_page_key_follows_its_source_its_original_and_its_status_in_every_language(tmp_path):
    site = French(tmp_path)
    key = site.key()
    assert key is not None and site.key() == key
    changes = {
        "its source": lambda: write(tmp_path, "fr/b.md", "---\ntitle: Mots B\n---\n\nAutres mots.\n"),
        "its original": lambda: write(tmp_path, "en/b.md", "---\ntitle: Words B\n---\n\nOther words.\n"),
        "its status": lambda: site.status.update({("fr", "b.md"): PageStatus("fr", "b.md", STALE)}),
        "the date its original changed": lambda: site.changed_on.update({"b.md": "2026-12-01"}),
    }
    seen = {key}
    for change in changes.values():
        change()
        seen.add(site.key())
    assert None not in seen and len(seen) == 1 + len(changes)


def test_what_another_page_shows_only_of_itself_leaves_a_page_key_as_it_was(tmp_path):
    site = French(tmp_path)
    key = site.key("b.md")
    # a.md's description, topics and source hash are shown by a.md and by the pages listing it
    # (always visited), never by b.md: b.md keeps its key.
    write(tmp_path, "fr/a.md", "---\ntitle: Mots A\ndescription: Autre chose.\ntags: [trust, betrayal]\n"
                               "source_hash: abc\n---\n\nD'autres mots.\n")
    assert site.key("b.md") == key
    # Its title is in b.md's nav, and so is a field of its front matter the theme's nav reads.
    write(tmp_path, "fr/a.md", "---\ntitle: Mots A, autrement\n---\n\nMots.\n")
    retitled = site.key("b.md")
    write(tmp_path, "fr/a.md", "---\ntitle: Mots A, autrement\nicon: material/heart\n---\n\nMots.\n")
    assert len({key, retitled, site.key("b.md")}) == 3


def test_a_page_named_by_a_setting_is_read_for_every_page(tmp_path):
    site = French(tmp_path)
    key = site.key()
    write(tmp_path, "en/sources.md", "# Sources\n\n- [one] One.\n")
    with_sources = site.key()
    write(tmp_path, "en/sources.md", "# Sources\n\n- [one] One.\n- [two] Two.\n")
    assert len({key, with_sources, site.key()}) == 3


def test_pages_made_from_other_pages_are_always_visited(tmp_path):
    site = French(tmp_path)
    context = site.context()
    signature = site.signature(context)
    assert visits.page_visit_key(signature, site.file("a.md", generated=True), context) is None
    for body in ("<!-- insert: chapter-cards -->", "<!--insert:topic-list-->", "--8<-- \"snippet.md\""):
        write(tmp_path, "fr/b.md", f"---\ntitle: Mots B\n---\n\n{body}\n")
        assert visits.page_visit_key(signature, site.file("b.md"), context) is None, body
    write(tmp_path, "fr/b.md", "---\ntitle: Mots B\n---\n\n<!-- a comment -->\n")
    assert visits.page_visit_key(signature, site.file("b.md"), context) is not None


def test_a_nav_page_the_index_does_not_know_leaves_every_page_to_be_visited(tmp_path):
    site = French(tmp_path)
    context = site.context()
    unknown = SimpleNamespace(file=site.file("c.md"), title=None, url="c/")
    assert visits.planned_nav([unknown], context.pages) is None
    def generated(content: str):
        file = SimpleNamespace(**{**vars(site.file("tags.md", generated=True)), "content_string": content})
        return visits.planned_nav([SimpleNamespace(file=file, title=None, url="tags/")], context.pages)

    # A generated page (a topics index) is in the nav by its title: a new listing on it leaves every
    # other page's nav as it was, a new title does not.
    listing = generated("---\ntitle: Topics\n---\n\n- trust (3)\n")
    assert listing is not None and generated("---\ntitle: Topics\n---\n\n- trust (4)\n") == listing
    assert generated("# All topics\n\n- trust (4)\n") not in (None, listing)


def record_for(output: Path, dest_uri: str) -> visits.VisitRecord:
    stat = os.stat(output / dest_uri)
    return visits.VisitRecord("key", dest_uri, stat.st_size, stat.st_mtime_ns, "T", {}, frozenset(), {})


def test_a_page_is_put_back_only_if_its_output_file_is_the_one_recorded(tmp_path):
    previous, site = tmp_path / "previous", tmp_path / "site"
    write(previous, "b/index.html", "<p>B</p>")
    record = record_for(previous, "b/index.html")
    assert visits.put_back(record, str(previous), str(site))
    assert (site / "b/index.html").read_text() == "<p>B</p>"

    write(previous, "b/index.html", "<p>B, changed since</p>")  # not the file recorded
    assert not visits.put_back(record, str(previous), str(tmp_path / "other"))
    assert not (tmp_path / "other" / "b/index.html").exists()
    assert not visits.put_back(record_for(previous, "b/index.html"), str(tmp_path / "nowhere"), str(site))


def test_a_folder_holds_a_page_alone_if_no_other_file_of_the_build_goes_in_it():
    files = [SimpleNamespace(dest_uri=uri) for uri in (
        "index.html", "b/index.html", "c/index.html", "c/picture.png", "guide/index.html", "guide/d/index.html",
        "e.html", "assets/style.css")]
    assert visits.lone_page_folders(files) == {"b", "guide/d", "assets"}  # `assets` holds no page: never asked


def test_a_lone_page_folder_is_moved_from_a_spare_output_and_linked_if_its_place_is_taken(tmp_path):
    previous, site = tmp_path / "previous", tmp_path / "site"
    site.mkdir()
    write(previous, "b/index.html", "<p>B</p>")
    inode = os.stat(previous / "b/index.html").st_ino
    write(previous, "guide/d/index.html", "<p>D</p>")  # its parent folder is not in the new site yet
    write(previous, "e/index.html", "<p>E</p>")
    write(site, "e/made.png", "the place is taken")

    for page in ("b", "guide/d", "e"):
        assert visits.put_back(record_for(previous, f"{page}/index.html"), str(previous), str(site), move_folder=True)
        assert (site / page / "index.html").read_text() == f"<p>{page[-1].upper()}</p>"
    assert not (previous / "b").exists() and os.stat(site / "b/index.html").st_ino == inode  # moved: one rename
    assert (previous / "guide/d/index.html").exists() and (previous / "e/index.html").exists()  # linked
    assert (site / "e/made.png").exists()
    write(previous, "f/index.html", "<p>F</p>")  # not spare (the served pages, the cache): never moved
    assert visits.put_back(record_for(previous, "f/index.html"), str(previous), str(site))
    assert (previous / "f/index.html").exists()


def test_records_survive_a_round_trip_and_a_damaged_file_is_no_record(tmp_path):
    path = str(tmp_path / "fr.visits")
    record = visits.VisitRecord("key", "b/index.html", 3, 4, "B", {"title": "B"}, frozenset({"x"}), {"a.md": {"y": "a.md#y"}}, ("k.page",))
    visits.write_records(path, {"b.md": record}, str(tmp_path))
    assert visits.read_records(path) == {"b.md": record}
    Path(path).write_bytes(b"not a pickle")
    assert visits.read_records(path) == {}
