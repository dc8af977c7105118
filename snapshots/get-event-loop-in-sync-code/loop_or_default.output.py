# snapshot: --unsafe-fixes
"""A client library that accepts an optional loop (Tortoise ORM's test helper did this)."""
import asyncio


def _get_or_create_event_loop():
    """The running event loop, else a new loop set as the current one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


class Client:
    def __init__(self, loop=None):
        self.loop = loop or _get_or_create_event_loop()

    def fetch(self, n):
        return self.loop.run_until_complete(self._fetch(n))

    async def _fetch(self, n):
        await asyncio.sleep(0)
        return n + 1


def initializer(loop=None):
    loop = loop or _get_or_create_event_loop()
    return loop


if __name__ == "__main__":
    client = Client()
    print(client.fetch(1))
    assert initializer(client.loop) is client.loop
    client.loop.close()
