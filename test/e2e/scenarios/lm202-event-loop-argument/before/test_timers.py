import pytest
import pytest_asyncio

from timers import after


@pytest_asyncio.fixture
async def deadline(event_loop):
    return event_loop.time() + 5


@pytest.mark.asyncio
async def test_after_uses_loop_clock(event_loop, deadline):
    fut = event_loop.create_future()
    event_loop.call_soon(fut.set_result, "ready")
    assert await fut == "ready"
    assert await after(0, 42) == 42
    assert event_loop.time() < deadline


def test_after_sync(event_loop):
    assert event_loop.run_until_complete(after(0, "x")) == "x"
