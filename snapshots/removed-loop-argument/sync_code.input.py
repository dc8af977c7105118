# snapshot: --unsafe-fixes
import asyncio


class Pool:
    def __init__(self, loop=None):
        self._loop = loop or asyncio.get_event_loop()
        # Made outside a coroutine: the queue binds to the loop that first uses it.
        self._queue = asyncio.Queue(maxsize=5, loop=self._loop)
        self._lock = asyncio.Lock(loop=asyncio.get_event_loop())

    def start(self):
        return asyncio.ensure_future(self._run(), loop=self._loop)

    async def _run(self):
        await asyncio.sleep(0, loop=self._loop)


def sleeper(loop):
    # Built in sync code, awaited elsewhere.
    return asyncio.sleep(1, loop=loop)
