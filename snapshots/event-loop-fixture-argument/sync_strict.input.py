# snapshot: --unsafe-fixes
import pytest

from shop.db import connect


def test_lookup(event_loop):
    db = event_loop.run_until_complete(connect())
    assert event_loop.run_until_complete(db.fetch("a")) == 1
    assert event_loop.run_until_complete(db.info()).name == "memory"


@pytest.mark.slow
def test_slow(event_loop, tmp_path):
    event_loop.run_until_complete(connect(tmp_path))


class TestDb:
    def test_method(self, event_loop):
        assert event_loop.run_until_complete(connect()) is not None
