import asyncio


async def worker(queue, loop):
    lock = asyncio.Lock(loop=loop)
    event = asyncio.Event(loop=loop)
    async with lock:
        await asyncio.sleep(0.1, loop=loop)
    results = await asyncio.gather(job(1), job(2), loop=loop, return_exceptions=True)
    await asyncio.wait_for(event.wait(), timeout=1, loop=loop)
    return results


async def job(n):
    return n
