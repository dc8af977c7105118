import asyncio

queue = asyncio.Queue()
lock = asyncio.Lock()


async def worker():
    async with lock:
        return await queue.get()


for _ in range(3):
    asyncio.run(worker())
