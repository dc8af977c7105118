"""A pytest plugin whose users drive a loop of their own from sync tests."""
import asyncio

import pytest


@pytest.fixture
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def ticker(event_loop):
    return Ticker(event_loop)


class Ticker:
    def __init__(self, loop):
        self.loop = loop

    def tick(self):
        return self.loop.run_until_complete(asyncio.sleep(0, "tick"))
