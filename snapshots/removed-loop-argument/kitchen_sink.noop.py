# Look-alikes LM106 must leave alone: every `loop=` below is still accepted on Python 3.10+.
import asyncio
import concurrent.futures

import aiohttp


async def still_takes_a_loop(loop, coro):
    # These asyncio APIs keep their loop argument.
    task = asyncio.ensure_future(coro, loop=loop)
    fut = asyncio.Future(loop=loop)
    other = asyncio.Task(coro, loop=loop)
    wrapped = asyncio.wrap_future(concurrent.futures.Future(), loop=loop)
    threadsafe = asyncio.run_coroutine_threadsafe(coro, loop)
    tasks = asyncio.all_tasks(loop=loop)
    # Loop methods and other libraries.
    loop.call_soon(print, "hi")
    await loop.run_in_executor(None, print)
    session = aiohttp.ClientSession(loop=loop)
    return task, fut, other, wrapped, threadsafe, tasks, session


def sleep(delay, loop=None):
    return delay


async def local_sleep(loop):
    # Our own `sleep`, not asyncio's.
    return sleep(1, loop=loop)


class Lock:
    def __init__(self, loop=None):
        self.loop = loop


async def own_lock(loop):
    return Lock(loop=loop)


async def shadowed(asyncio, loop):
    # `asyncio` is a parameter here, not the module.
    await asyncio.sleep(1, loop=loop)


async def modern(queue):
    await asyncio.sleep(1)
    await asyncio.wait_for(queue.get(), timeout=1)
    kwargs = {"loop": None}
    text = "asyncio.sleep(1, loop=loop)"
    # asyncio.sleep(1, loop=loop)
    return kwargs, text
