import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def server():
    event_loop = asyncio.get_running_loop()
    srv = await event_loop.create_server(lambda: None, "127.0.0.1", 0)
    yield srv
    srv.close()


@pytest.mark.asyncio
async def test_call_soon(server):
    """Schedules a callback on the running loop."""
    event_loop = asyncio.get_running_loop()
    done = event_loop.create_future()
    event_loop.call_soon(done.set_result, 1)
    assert await done == 1


@pytest.mark.asyncio
async def test_unused(
    server,
):
    assert server
