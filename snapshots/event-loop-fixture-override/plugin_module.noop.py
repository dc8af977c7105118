# snapshot: --unsafe-fixes --plugin-module
"""A pytest plugin (an entry point in pytest11): its event_loop fixture is its users'."""
import asyncio

import pytest


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def ticker(event_loop):
    return event_loop.call_soon
