"""A producer/consumer pipeline: `python -m legacy_app.pipeline`.

Written for Python 3.6: every queue, lock and sleep is handed the loop (LM106), and shutdown walks
`asyncio.Task.all_tasks()` (LM108).
"""
import asyncio


class Pipeline:
    def __init__(self, loop, size=3):
        self.loop = loop
        self.queue = asyncio.Queue(maxsize=size, loop=loop)
        self.finished = asyncio.Event(loop=loop)

    async def produce(self, items):
        for item in items:
            await self.queue.put(item)
            await asyncio.sleep(0.001, loop=self.loop)
        await self.queue.put(None)

    async def consume(self):
        lock = asyncio.Lock(loop=self.loop)
        total = 0
        while True:
            item = await asyncio.wait_for(self.queue.get(), timeout=1, loop=self.loop)
            if item is None:
                break
            async with lock:
                total += item
        self.finished.set()
        return total


async def heartbeat():
    while True:
        await asyncio.sleep(0.01)


async def shutdown():
    # Cancel whatever else is still running, the way 3.6-era services did.
    me = asyncio.Task.current_task()
    for task in asyncio.Task.all_tasks():
        if task is not me:
            task.cancel()


async def main():
    loop = asyncio.get_event_loop()
    pipeline = Pipeline(loop)
    beat = asyncio.ensure_future(heartbeat())
    _, total = await asyncio.gather(pipeline.produce(range(10)), pipeline.consume(), loop=loop)
    await pipeline.finished.wait()
    await shutdown()
    await asyncio.gather(beat, return_exceptions=True)
    print("total", total)


if __name__ == "__main__":
    asyncio.run(main())
