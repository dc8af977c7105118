# snapshot: --unsafe-fixes
"""Things that look like the event_loop fixture argument but are not."""
import asyncio

import pytest


def schedule(event_loop, callback):
    # A helper, not a test or a fixture.
    event_loop.call_soon(callback)


@pytest.fixture
def loop():
    return "event_loop"


async def test_running_loop():
    loop = asyncio.get_running_loop()
    assert loop.is_running()


def test_other_loop(loop):
    assert loop == "event_loop"
