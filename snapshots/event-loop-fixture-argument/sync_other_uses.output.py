# snapshot: --unsafe-fixes
import pytest

from shop.db import connect


@pytest.fixture
def db(event_loop):
    return event_loop.run_until_complete(connect())


def test_task(event_loop):
    task = event_loop.create_task(connect())
    event_loop.run_until_complete(task)


def test_callback(event_loop):
    event_loop.run_until_complete(connect(on_done=lambda: event_loop.stop()))
