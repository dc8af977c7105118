import asyncio
from functools import lru_cache

import pytest
import pytest_asyncio


@lru_cache
def settings():
    # Plain data may be cached for the whole process.
    return {"maxsize": 2}


@pytest_asyncio.fixture
async def queue():
    # Made on the test's own loop.
    return asyncio.Queue(maxsize=settings()["maxsize"])


@pytest_asyncio.fixture
async def lock():
    return asyncio.Lock()


async def producer(queue):
    await asyncio.sleep(0.01)
    await queue.put("item")


@pytest.mark.asyncio
async def test_get_waits_for_put(queue):
    _, item = await asyncio.gather(producer(queue), queue.get())
    assert item == "item"


@pytest.mark.asyncio
async def test_lock_contended(lock):
    async with lock:
        waiter = asyncio.create_task(lock.acquire())
        await asyncio.sleep(0)
        assert not waiter.done()
    await waiter
    lock.release()


def test_several_runs():
    async def once():
        queue = asyncio.Queue()
        await asyncio.gather(producer(queue), queue.get())

    asyncio.run(once())
    asyncio.run(once())
