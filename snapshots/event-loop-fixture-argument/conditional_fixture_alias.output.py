import asyncio

import pytest

try:
    from pytest_asyncio import fixture as asyncio_fixture
except ImportError:
    asyncio_fixture = pytest.fixture


class Server:
    def __init__(self, loop):
        self.loop = loop

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return None


@asyncio_fixture()
async def server():
    event_loop = asyncio.get_running_loop()
    async with Server(loop=event_loop) as s:
        yield s


try:
    from pytest_asyncio import fixture as maybe_fixture
except ImportError:
    maybe_fixture = print


@maybe_fixture
async def not_surely_a_fixture(event_loop):
    return event_loop
