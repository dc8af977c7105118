import asyncio

import pytest
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def shared():
    return asyncio.get_running_loop()


@pytest.mark.asyncio
async def test_async(shared):
    assert shared is asyncio.get_running_loop()


def test_sync_holds(event_loop):
    assert not event_loop.is_running()
    assert event_loop.run_until_complete(asyncio.sleep(0, 1)) == 1
