# snapshot: --unsafe-fixes
import asyncio
from collections.abc import Callable

import pytest


class Client:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop


def test_client_keeps_loop(event_loop: asyncio.AbstractEventLoop) -> None:
    client = Client(event_loop)
    assert client.loop is event_loop


def test_callable(event_loop: asyncio.AbstractEventLoop) -> None:
    make: Callable[[asyncio.AbstractEventLoop], Client] = Client
    assert make(event_loop).loop is event_loop
