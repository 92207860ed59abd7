"""The guide's features as mkdocs.yml declares them (hooks/guide/options.py)."""

import pytest

from guide.options import GuideOptions, GuideOptionsError, placeholder_addresses, read_options
from guide.safety import help_href, needs_safety_notice
from multilingual.pages import PageInfo


def test_no_setting_means_no_feature():
    assert read_options({}, environ={}) == GuideOptions()


def test_contact_follows_the_repository_the_build_runs_in_unless_set():
    assert read_options({}, {"GITHUB_REPOSITORY": "org/site"}).contact_url == "https://github.com/org/site/issues"
    assert read_options({"contact_url": "https://example.net/c"}, {"GITHUB_REPOSITORY": "org/site"}).contact_url == "https://example.net/c"
    assert read_options({"contact_url": ""}, {}).contact_url is None


@pytest.mark.parametrize(("extra", "message"), [
    ({"help_page": "getting-help"}, r"extra\.help_page must name a page of the docs"),
    ({"help_page": ["x"]}, r"extra\.help_page must be text"),
    ({"quick_exit_url": "wikipedia.org"}, r"extra\.quick_exit_url must be an http\(s\) address"),
    ({"safety_topics": "betrayal"}, r"extra\.safety_topics must be a list"),
    ({"number_chapters": "yes"}, r"extra\.number_chapters must be true or false"),
    ({"helplines": ["a"]}, r"extra\.helplines must be text"),
])
def test_wrong_settings_name_the_setting(extra, message):
    with pytest.raises(GuideOptionsError, match=message):
        read_options(extra, environ={})


def test_placeholders_are_found():
    options = read_options({"contact_url": "https://github.com/example/trust-guide/issues"}, {})
    assert placeholder_addresses("https://example.github.io/trust-guide/", options) == [
        "site_url = https://example.github.io/trust-guide/", "extra.contact_url = https://github.com/example/trust-guide/issues"]
    assert placeholder_addresses("http://127.0.0.1:8000/", GuideOptions()) == ["site_url = http://127.0.0.1:8000/"]
    real = read_options({}, {"GITHUB_REPOSITORY": "maintainers/trust-guide"})
    assert placeholder_addresses("https://maintainers.github.io/trust-guide/", real) == []


def test_the_safety_notice_links_to_the_help_page_the_help_address_or_nowhere():
    pages = {"help.md": PageInfo("help.md", "help/", "Help", "", ())}
    with_page = GuideOptions(help_page="help.md", safety_topics=frozenset({"burns"}))
    assert help_href(with_page, pages, "kits/car/") == "../../help/"
    assert help_href(GuideOptions(help_page="help.md", help_url="https://help.example/"), {}, "a/") == "https://help.example/"
    assert help_href(GuideOptions(help_page="help.md"), {}, "a/") is None  # never a missing page
    assert needs_safety_notice(("burns", "kits"), {}, with_page) and not needs_safety_notice(("kits",), {}, with_page)


def test_a_page_asks_for_the_safety_notice_or_declines_it_whatever_its_topics():
    options = GuideOptions(help_page="help.md", safety_topics=frozenset({"burns"}))
    assert needs_safety_notice(("kits",), {"safety_notice": True}, options)
    assert not needs_safety_notice(("burns",), {"safety_notice": False}, options)
    assert needs_safety_notice(("burns",), {"safety_notice": "maybe"}, options)  # not a yes/no: topics decide
    assert not needs_safety_notice(("kits",), {"safety_notice": True}, GuideOptions())  # the site has no notice
