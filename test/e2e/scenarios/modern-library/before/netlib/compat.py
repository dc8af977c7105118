"""A library helper that already copes with 3.12+: it never asks for an implicit loop."""
import asyncio


def run_sync(coro, loop=None):
    if loop is not None:
        return loop.run_until_complete(coro)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    raise RuntimeError("run_sync() cannot be called from a running event loop")


async def gather_limited(coros, limit):
    semaphore = asyncio.Semaphore(limit)

    async def one(c):
        async with semaphore:
            return await c

    return await asyncio.gather(*(one(c) for c in coros))
