import asyncio


async def worker(queue, loop):
    lock = asyncio.Lock()
    event = asyncio.Event()
    async with lock:
        await asyncio.sleep(0.1)
    results = await asyncio.gather(job(1), job(2), return_exceptions=True)
    await asyncio.wait_for(event.wait(), timeout=1)
    return results


async def job(n):
    return n
