import asyncio

import pytest


@pytest.mark.asyncio
async def test_cleanup(event_loop):
    # The project's own event_loop fixture hands out a loop class with extra checks.
    with event_loop.assert_cleanup():
        await event_loop.sleep_fake(1)


@pytest.mark.asyncio
async def test_plain():
    event_loop = asyncio.get_running_loop()
    fut = event_loop.create_future()
    event_loop.call_soon(fut.set_result, 1)
    assert await fut == 1
