"""Python's cycle collector in `mkdocs serve`'s process (hooks/builds/collector.py): once a rebuild
is over and no other began, the garbage is collected and what is left frozen, so that the next
rebuild's collections walk only what it makes."""

import gc
import weakref

import pytest

from builds.collector import collect_when_quiet


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector_by_hand():
    """No collection but the ones the test makes; nothing left frozen after it."""
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_quiet_moment_collects_the_garbage_and_freezes_what_is_left(collector_by_hand):
    garbage = weakref.ref(Cycle())
    assert garbage() is not None  # a cycle: only a collection frees it
    collect_when_quiet(lambda: True, seconds=0.01).join()
    assert garbage() is None
    assert gc.get_freeze_count() > 0


def test_a_rebuild_begun_meanwhile_is_left_alone(collector_by_hand):
    garbage = weakref.ref(Cycle())
    collect_when_quiet(lambda: False, seconds=0.01).join()
    assert garbage() is not None and gc.get_freeze_count() == 0
