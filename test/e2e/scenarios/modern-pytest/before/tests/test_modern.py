import asyncio

import pytest


@pytest.mark.asyncio(loop_scope="module")
async def test_put(shared_queue):
    await shared_queue.put(asyncio.get_running_loop())


@pytest.mark.asyncio(loop_scope="module")
async def test_same_loop(shared_queue):
    assert await shared_queue.get() is asyncio.get_running_loop()


@pytest.mark.asyncio
async def test_function_loop():
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, 1)
    assert await fut == 1


def test_sync_runs_its_own_loop():
    assert asyncio.run(asyncio.sleep(0, result=3)) == 3
