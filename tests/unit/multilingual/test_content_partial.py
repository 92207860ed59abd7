"""Our partials/content.html stands in for the theme's (hooks/multilingual/content_partial.py): the
themes we support match it, and a theme whose templates no longer do fails the build, naming what
changed and where."""

from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader

from conftest import ROOT
from multilingual.content_partial import ThemeMismatchError, check_content_partial, mismatches

MATERIAL = Path(material.__file__).parent / "templates"  # Material 9.8.1, the tests' stack
OURS = (ROOT / "overrides" / "partials" / "content.html").read_text(encoding="utf-8")
THEME_BASE = (MATERIAL / "base.html").read_text(encoding="utf-8")
THEME_CONTENT = (MATERIAL / "partials" / "content.html").read_text(encoding="utf-8")
# MaterialX 10.2.2's partial (scripts/stack_check.sh builds with it): the same partials, the tags later.
MATERIALX_CONTENT = """{#-
  This file was automatically generated - do not edit
-#}
{% include "partials/actions.html" %}
{% if "\\u003ch1" not in page.content %}
  <h1>{{ page.title | d(config.site_name, true)}}</h1>
{% endif %}
{{ page.content }}
{% include "partials/source-file.html" %}
{% include "partials/tags.html" %}
{% include "partials/feedback.html" %}
{% include "partials/comments.html" %}
"""


def test_material_and_materialx_match_our_content_partial():
    assert mismatches(THEME_BASE, THEME_CONTENT, OURS) == []
    assert mismatches(THEME_BASE, MATERIALX_CONTENT, OURS) == []


def test_each_change_of_the_theme_that_ours_would_hide_is_named():
    added = THEME_CONTENT.replace('{% include "partials/comments.html" %}',
                                  '{% include "partials/comments.html" %}\n{% include "partials/summary.html" %}')
    assert mismatches(THEME_BASE, added, OURS) == [
        "the theme's partials/content.html includes partials/summary.html, ours does not"]
    retitled = THEME_CONTENT.replace("<h1>", '<h1 class="md-title">')
    assert [problem.split(" as `")[0] for problem in mismatches(THEME_BASE, retitled, OURS)] == [
        "the theme's partials/content.html no longer writes the title and content"]
    with_logic = THEME_CONTENT.replace("{{ page.content }}", "{{ page.content }}\n{% if page.meta.x %}<hr>{% endif %}")
    assert mismatches(THEME_BASE, with_logic, OURS) == [
        "the theme's partials/content.html has more than includes and the title and content: "
        "`{% if page.meta.x %}<hr>{% endif %}`"]
    moved = THEME_BASE.replace('{% include "partials/content.html" %}', '{{ page.content }}')
    assert [problem.split(" has `")[0] for problem in mismatches(moved, THEME_CONTENT, OURS)] == [
        "the theme's base.html no longer"]


def test_our_partial_must_render_the_blocks_under_the_title_and_text():
    without_header = OURS.replace('{% include "partials/page-header.html" %}', "")
    assert mismatches(THEME_BASE, THEME_CONTENT, without_header) == [
        "ours does not include partials/page-header.html, so the blocks our hooks put under the title and "
        "text would be lost"]


def theme_folders(tmp_path, content: str) -> tuple[Environment, list[str], str]:
    custom, theme = tmp_path / "overrides", tmp_path / "theme"
    (custom / "partials").mkdir(parents=True)
    (theme / "partials").mkdir(parents=True)
    (custom / "partials" / "content.html").write_text(OURS, encoding="utf-8")
    (theme / "base.html").write_text(THEME_BASE, encoding="utf-8")
    (theme / "partials" / "content.html").write_text(content, encoding="utf-8")
    dirs = [str(custom), str(theme)]
    return Environment(loader=FileSystemLoader(dirs)), dirs, str(custom)


def test_a_build_whose_theme_no_longer_matches_fails_naming_both_files(tmp_path):
    env, dirs, custom = theme_folders(tmp_path, THEME_CONTENT)
    check_content_partial(env, dirs, custom)  # matches: nothing to say
    env, dirs, custom = theme_folders(tmp_path / "updated", THEME_CONTENT + '{% include "partials/summary.html" %}\n')
    with pytest.raises(ThemeMismatchError, match=r"overrides/partials/content\.html stands in for the theme's "
                                                 r".*theme/partials/content\.html, and they no longer match: .*"
                                                 r"includes partials/summary\.html, ours does not\. Compare the two"):
        check_content_partial(env, dirs, custom)


def test_a_custom_dir_without_our_partial_fails_the_build(tmp_path):
    env, dirs, _ = theme_folders(tmp_path, THEME_CONTENT)
    with pytest.raises(ThemeMismatchError, match=r"The build renders the theme's own .*content\.html.*"
                                                 r"Keep `theme\.custom_dir: overrides`"):
        check_content_partial(Environment(loader=FileSystemLoader(dirs[1:])), dirs[1:], None)
    with pytest.raises(ThemeMismatchError, match=r"base\.html is in none of the theme folders"):
        check_content_partial(env, dirs[:1], None)
