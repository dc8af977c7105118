"""A tiny in-memory database client that, like real async drivers, is bound to the loop it connected in."""
import asyncio
import contextlib


class Database:
    def __init__(self, rows):
        self._rows = dict(rows)

    async def connect(self):
        self._loop = asyncio.get_running_loop()
        self._requests = asyncio.Queue()
        self._worker = asyncio.create_task(self._serve())
        return self

    async def _serve(self):
        while True:
            key, reply = await self._requests.get()
            reply.set_result(self._rows.get(key))

    async def fetch(self, key):
        reply = self._loop.create_future()
        self._requests.put_nowait((key, reply))
        return await reply

    async def close(self):
        self._worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._worker
