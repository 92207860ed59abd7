"""The guide's features as mkdocs.yml declares them (hooks/guide/options.py)."""

import pytest

from guide.options import GuideOptions, GuideOptionsError, OPTIONS_KEY, placeholder_addresses, read_options, site_options
from guide.safety import help_href, help_link, needs_safety_notice
from multilingual.pages import PageInfo


def test_no_setting_means_no_feature():
    assert read_options({}, environ={}) == GuideOptions()
    assert read_options({"help_page": "", "safety_topics": None, "number_chapters": None}, environ={}) == GuideOptions()


def test_settings_are_read_and_other_extra_keys_left_to_the_theme():
    options = read_options({"help_page": " help.md ", "safety_topics": ["burns"], "number_chapters": True,
                            "quick_exit_url": "https://www.wikipedia.org/", "generator": False, "alternate": [1]}, {})
    assert options == GuideOptions(help_page="help.md", safety_topics=frozenset({"burns"}), number_chapters=True,
                                   quick_exit_url="https://www.wikipedia.org/")


def test_contact_follows_the_repository_the_build_runs_in_unless_set():
    assert read_options({}, {"GITHUB_REPOSITORY": "org/site"}).contact_url == "https://github.com/org/site/issues"
    assert read_options({"contact_url": "https://example.net/c"}, {"GITHUB_REPOSITORY": "org/site"}).contact_url == "https://example.net/c"
    assert read_options({"contact_url": ""}, {}).contact_url is None


@pytest.mark.parametrize(("extra", "message"), [
    ({"help_page": "getting-help"}, r"^mkdocs\.yml: extra\.help_page: Expected a page of the docs .*'getting-help'\. Name a page of the docs, e\.g\."),
    ({"help_page": ["x"]}, r"^mkdocs\.yml: extra\.help_page: Expected type: <class 'str'> but received: <class 'list'>\. Name a page"),
    ({"quick_exit_url": "wikipedia.org"}, r"extra\.quick_exit_url: The URL isn't valid.*Give an http\(s\) address"),
    ({"help_url": "ftp://example.org/"}, r"extra\.help_url: Expected an http:// or https:// address"),
    ({"safety_topics": "betrayal"}, r"extra\.safety_topics: Expected a list of items.*Give a list of topic slugs"),
    ({"safety_topics": ["a", 1]}, r"extra\.safety_topics: Expected type: <class 'str'> but received: <class 'int'>"),
    ({"number_chapters": "yes"}, r"extra\.number_chapters: Expected type: <class 'bool'>.*Set it to true or false"),
    ({"helplines": ["a"]}, r"extra\.helplines: Expected type: <class 'str'>.*Name the folder of country files"),
])
def test_wrong_settings_name_the_setting(extra, message):
    with pytest.raises(GuideOptionsError, match=message):
        read_options(extra, environ={})


def test_the_options_are_read_once_per_build_and_kept_for_the_other_hooks():
    class Config:
        extra = {OPTIONS_KEY: GuideOptions(faq_page="questions.md")}

    assert site_options(Config()).faq_page == "questions.md"
    Config.extra = {}
    with pytest.raises(GuideOptionsError, match="guide_hook.py"):
        site_options(Config())


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


def test_the_help_link_opens_the_readers_countries_where_the_help_page_lists_them():
    pages = {"help.md": PageInfo("help.md", "help/", "Help", "", ())}
    assert help_link(GuideOptions(help_page="help.md", helplines="data/helplines"), pages, "/guide/fr") == "/guide/fr/help/#helplines"
    assert help_link(GuideOptions(help_page="help.md"), pages, "..") == "../help/"  # no list on it: its top
    assert help_link(GuideOptions(help_page="help.md", help_url="https://help.example/"), {}, ".") == "https://help.example/"
    assert help_link(GuideOptions(), pages, ".") is None


def test_a_page_asks_for_the_safety_notice_or_declines_it_whatever_its_topics():
    options = GuideOptions(help_page="help.md", safety_topics=frozenset({"burns"}))
    assert needs_safety_notice(("kits",), {"safety_notice": True}, options)
    assert not needs_safety_notice(("burns",), {"safety_notice": False}, options)
    assert needs_safety_notice(("burns",), {"safety_notice": "maybe"}, options)  # not a yes/no: topics decide
    assert not needs_safety_notice(("kits",), {"safety_notice": True}, GuideOptions())  # the site has no notice
