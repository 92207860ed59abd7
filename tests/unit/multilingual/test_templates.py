"""Our HTML fragments (hooks/multilingual/templates.py): text given to a fragment comes out as text,
a site's own copy of a fragment wins, and a missing one says where it was looked for."""

import pytest
from jinja2 import FileSystemLoader
from markupsafe import Markup

from multilingual.templates import FragmentError, Fragments


def fragments(*folders) -> Fragments:
    dirs = [str(folder) for folder in folders]
    return Fragments(FileSystemLoader(dirs), dirs)


def write(folder, name: str, html: str) -> None:
    (folder / "fragments").mkdir(parents=True, exist_ok=True)
    (folder / "fragments" / f"{name}.html").write_text(html, encoding="utf-8")


def test_text_is_escaped_and_markup_is_kept(tmp_path):
    write(tmp_path, "title", "<h2>{{ title }}</h2>\n<p>\n  {{ body }}\n</p>\n")
    rendered = fragments(tmp_path).render("title", title="<script>x</script> & co", body=Markup("<em>kept</em>"))
    assert rendered == "<h2>&lt;script&gt;x&lt;/script&gt; &amp; co</h2>\n<p>\n  <em>kept</em>\n</p>"
    assert fragments(tmp_path).render_block("title", title="a", body="b") == "<h2>a</h2> <p> b </p>"  # one line


def test_the_first_theme_folder_with_the_fragment_wins(tmp_path):
    site, theme = tmp_path / "custom", tmp_path / "theme"
    write(theme, "notice", "theme's")
    write(site, "notice", "the site's own")
    assert fragments(site, theme).render("notice") == "the site's own"


def test_a_missing_fragment_names_the_folders_it_was_looked_for_in(tmp_path):
    site, theme = tmp_path / "overrides", tmp_path / "material"
    write(theme, "notice", "x")
    with pytest.raises(FragmentError, match=rf"fragments/safety-notice\.html is in none of the theme folders "
                                            rf"\({site}, {theme}\)\. Keep `theme\.custom_dir: overrides`"):
        fragments(site, theme).render("safety-notice")
