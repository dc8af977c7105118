# snapshot: --unsafe-fixes
import asyncio

import pytest

from shop.db import connect


@pytest.fixture
def db(event_loop):
    return event_loop.run_until_complete(connect())


@pytest.fixture
def event_loop():
    """A new loop for each sync test that holds one; pytest-asyncio 1.x has none."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_task(event_loop):
    task = event_loop.create_task(connect())
    event_loop.run_until_complete(task)


def test_callback(event_loop):
    event_loop.run_until_complete(connect(on_done=lambda: event_loop.stop()))
