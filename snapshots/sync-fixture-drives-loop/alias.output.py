# snapshot: --unsafe-fixes
import asyncio

import pytest_asyncio

from client import Client


@pytest_asyncio.fixture
async def loop():
    """The loop the tests run in."""
    return asyncio.get_running_loop()


@pytest_asyncio.fixture
async def client():
    c = Client(loop=asyncio.get_running_loop())
    yield c
    c.close()


@pytest_asyncio.fixture
async def deferred():
    event_loop = asyncio.get_running_loop()

    def later(f):
        event_loop.call_soon(f)

    return later
