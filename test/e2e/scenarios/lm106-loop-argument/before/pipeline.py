"""Producer/consumer written for Python 3.6, when passing loop= everywhere was the advice."""
import asyncio


async def produce(queue, n, loop):
    for i in range(n):
        await asyncio.sleep(0.001, loop=loop)
        await queue.put(i)
    await queue.put(None)


async def consume(queue, lock, results):
    while True:
        item = await queue.get()
        if item is None:
            return
        async with lock:
            results.append(item * item)


async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize=2, loop=loop)
    lock = asyncio.Lock(loop=loop)
    results = []
    await asyncio.wait_for(
        asyncio.gather(produce(queue, 4, loop), consume(queue, lock, results), loop=loop),
        timeout=5,
        loop=loop,
    )
    print("squares", results)


asyncio.run(main())
