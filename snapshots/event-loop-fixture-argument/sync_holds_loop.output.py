# snapshot: --unsafe-fixes
import asyncio

import pytest


class Client:
    def __init__(self, loop):
        self.loop = loop


@pytest.fixture
def event_loop():
    """A new loop for each sync test that holds one; pytest-asyncio 1.x has none."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_client_keeps_loop(event_loop):
    client = Client(event_loop)
    assert client.loop is event_loop


def test_drive(event_loop):
    client = Client(event_loop)
    assert event_loop.run_until_complete(asyncio.sleep(0, client)) is client
