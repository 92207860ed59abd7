"""Reading page sources and scanning docs/: bad input is refused with the file, line and fix."""

import pytest

from multilingual.tree import DocsTreeError, scan_docs
from multilingual.languages import load_languages
from multilingual.sources import SourceError, read_page_source

LANGUAGES = load_languages([
    {"code": c, "label": c.upper(), "name": c, "material": c, "hreflang": c, "direction": "ltr"} for c in ("en", "fr")
])


def test_front_matter_and_body_are_split(tmp_path):
    file = tmp_path / "a.md"
    file.write_text("---\ntitle: A\ntags: [trust]\n---\n\nBody.\n", encoding="utf-8")
    source = read_page_source(file)
    assert source.meta == {"title": "A", "tags": ["trust"]}
    assert source.body == "Body.\n"


def test_windows_line_ends_and_a_byte_order_mark_are_read_as_mkdocs_reads_them(tmp_path):
    file = tmp_path / "windows.md"
    file.write_bytes("\ufeff---\r\ntitle: A\r\n---\r\n\r\nBody.\r\n".encode("utf-8"))
    source = read_page_source(file)
    assert source.meta == {"title": "A"} and source.body == "Body.\n"


def test_malformed_yaml_names_file_and_line(tmp_path):
    file = tmp_path / "bad.md"
    file.write_text("---\ntitle: A\ndescription: one: two\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad\.md:3: the front matter is not valid YAML.*quote a value"):
        read_page_source(file)


def test_unclosed_front_matter_is_refused(tmp_path):
    file = tmp_path / "open.md"
    file.write_text("---\ntitle: A\n\nBody.\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"open\.md:1: .*never closed"):
        read_page_source(file)


def test_front_matter_must_be_a_mapping(tmp_path):
    file = tmp_path / "list.md"
    file.write_text("---\n- a\n- b\n---\n\nBody.\n", encoding="utf-8")
    with pytest.raises(SourceError, match="must be a mapping"):
        read_page_source(file)


def test_non_utf8_names_file_and_line(tmp_path):
    file = tmp_path / "latin1.md"
    file.write_bytes("---\ntitle: A\n---\n\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError, match=r"latin1\.md:5: the file is not valid UTF-8 \(byte 0xe9.*Save it as UTF-8"):
        read_page_source(file)


def make_docs(tmp_path, files):
    for relative in files:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def test_scan_knows_which_pages_each_language_has(tmp_path):
    tree = scan_docs(str(make_docs(tmp_path, ["en/a.md", "en/b/c.md", "fr/a.md"])), LANGUAGES)
    assert tree.has("fr", "a.md") and not tree.has("fr", "b/c.md")
    assert tree.missing("fr") == ["b/c.md"]


def test_unknown_language_folder_is_refused(tmp_path):
    make_docs(tmp_path, ["en/a.md", "cn/a.md"])
    with pytest.raises(DocsTreeError, match=r"cn: 'cn' is not a language of this site\. Rename the folder to one of en, fr"):
        scan_docs(str(tmp_path), LANGUAGES)


def test_orphan_translation_is_refused(tmp_path):
    make_docs(tmp_path, ["en/a.md", "fr/a.md", "fr/extra.md"])
    with pytest.raises(DocsTreeError, match=r"fr/extra\.md: this translation has no original .*en/extra\.md"):
        scan_docs(str(tmp_path), LANGUAGES)


def test_stray_file_at_docs_root_is_refused(tmp_path):
    make_docs(tmp_path, ["en/a.md", "notes.md"])
    with pytest.raises(DocsTreeError, match="files belong in a language folder"):
        scan_docs(str(tmp_path), LANGUAGES)


def test_a_serve_rebuild_reads_file_versions_from_its_snapshot_until_it_lends_them_back(tmp_path):
    """The memos of sources, file hashes and data files ask `file_version`; during a `mkdocs serve`
    rebuild it answers from the rebuild's snapshot, so a file saved during the rebuild keeps the
    version the snapshot saw until the next rebuild, which that save triggers."""
    from multilingual import versions
    from multilingual.data_files import load_data_file
    from reuse.keys import file_digest

    page, data = tmp_path / "a.md", tmp_path / "data.yml"
    page.write_text("---\ntitle: Before\n---\n", encoding="utf-8")
    data.write_text("word: before\n", encoding="utf-8")
    snapshot = {str(page): versions.file_version(str(page)), str(data): versions.file_version(str(data))}
    assert read_page_source(page).meta == {"title": "Before"} and load_data_file(data) == {"word": "before"}
    hashed = file_digest(str(page))

    versions.lend(snapshot)
    try:
        page.write_text("---\ntitle: Saved meanwhile, a little longer\n---\n", encoding="utf-8")
        data.write_text("word: saved meanwhile\n", encoding="utf-8")
        assert versions.file_version(str(page)) == snapshot[str(page)]
        assert read_page_source(page).meta == {"title": "Before"}  # as the snapshot saw it
        assert load_data_file(data) == {"word": "before"} and file_digest(str(page)) == hashed
        other = tmp_path / "b.md"  # not in the snapshot: the file system answers
        other.write_text("---\ntitle: B\n---\n", encoding="utf-8")
        assert read_page_source(other).meta == {"title": "B"}
    finally:
        versions.lend(None)
    assert read_page_source(page).meta == {"title": "Saved meanwhile, a little longer"}
    assert load_data_file(data) == {"word": "saved meanwhile"} and file_digest(str(page)) != hashed
