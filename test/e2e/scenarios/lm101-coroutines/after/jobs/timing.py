import asyncio
import time


async def wait_until(deadline):
    """Sleep until the loop clock reaches deadline."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(0.0, deadline - loop.time()))


async def timed(coro):
    start = asyncio.get_running_loop().time()
    result = await coro
    return result, asyncio.get_running_loop().time() - start


async def slow_square(x):
    def work():
        time.sleep(0.01)
        return x * x

    return await asyncio.get_running_loop().run_in_executor(None, work)


async def delayed_callback(delay):
    fut = asyncio.get_running_loop().create_future()

    def fire():
        # Runs as a loop callback, so a loop is running here too; this is a nested
        # sync function, which LM101 leaves alone.
        asyncio.get_event_loop().call_soon(fut.set_result, "fired")

    asyncio.get_running_loop().call_later(delay, fire)
    return await fut
