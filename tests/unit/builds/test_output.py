"""A build writes aside and swaps in (hooks/builds/output.py): the previous site stays until the new
one is complete, and abandoned staging folders are removed."""

import os

from builds import output


def test_a_finished_build_replaces_the_site_and_leaves_nothing_else(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    staging = output.begin(str(site))
    assert os.path.basename(staging).startswith(".site.building-") and os.listdir(staging) == []
    (site / "old.html").write_text("still old")  # the site is untouched while the build runs
    with open(os.path.join(staging, "index.html"), "w") as file:
        file.write("new")
    output.swap_in(staging, str(site))
    assert sorted(os.listdir(tmp_path)) == ["site"]
    assert os.listdir(site) == ["index.html"]


def test_a_discarded_build_leaves_the_previous_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    output.discard(output.begin(str(site)))
    assert sorted(os.listdir(tmp_path)) == ["site"] and (site / "index.html").read_text() == "old"


def test_staging_of_a_dead_process_is_removed_at_the_next_build(tmp_path):
    site = tmp_path / "site"
    dead = output.staging_dir(str(site), pid=999_999_999)
    alive = output.staging_dir(str(site), pid=os.getppid())
    os.makedirs(dead)
    os.makedirs(alive)
    assert output.remove_abandoned(str(site)) == [dead]
    assert os.path.isdir(alive) and not os.path.exists(dead)


def test_swap_in_replaces_a_language_folder_of_a_served_site(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "index.html").write_text("old")
    (tmp_path / "staging" / "fr").mkdir(parents=True)
    (tmp_path / "staging" / "fr" / "index.html").write_text("new")
    output.swap_in(str(tmp_path / "staging" / "fr"), str(tmp_path / "fr"))
    assert (tmp_path / "fr" / "index.html").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["fr", "staging"]
