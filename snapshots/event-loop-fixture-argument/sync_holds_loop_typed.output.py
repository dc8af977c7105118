# snapshot: --unsafe-fixes
import asyncio
from collections.abc import Callable, Iterator

import pytest


class Client:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop


@pytest.fixture
def event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """A new loop for each sync test that holds one; pytest-asyncio 1.x has none."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_client_keeps_loop(event_loop: asyncio.AbstractEventLoop) -> None:
    client = Client(event_loop)
    assert client.loop is event_loop


def test_callable(event_loop: asyncio.AbstractEventLoop) -> None:
    make: Callable[[asyncio.AbstractEventLoop], Client] = Client
    assert make(event_loop).loop is event_loop
