import asyncio

import pytest
import pytest_asyncio

from timers import after


@pytest_asyncio.fixture
async def deadline():
    return asyncio.get_running_loop().time() + 5


@pytest.mark.asyncio
async def test_after_uses_loop_clock(deadline):
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, "ready")
    assert await fut == "ready"
    assert await after(0, 42) == 42
    assert asyncio.get_running_loop().time() < deadline


@pytest.mark.asyncio
async def test_after_sync():
    assert await after(0, "x") == "x"
