import asyncio


async def test_uses_loop(loop):
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 1)
    assert await fut == 1
