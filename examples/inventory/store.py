"""An async stock store whose connection, like a real database driver's, belongs to one event loop."""
import asyncio
import contextlib


class Store:
    def __init__(self, stock):
        self._stock = dict(stock)

    async def connect(self):
        self._loop = asyncio.get_running_loop()
        self._requests = asyncio.Queue()
        self._worker = asyncio.create_task(self._serve())
        return self

    async def _serve(self):
        while True:
            item, reply = await self._requests.get()
            reply.set_result(self._stock.get(item, 0))

    async def count(self, item):
        reply = self._loop.create_future()
        self._requests.put_nowait((item, reply))
        return await reply

    async def close(self):
        self._worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._worker
