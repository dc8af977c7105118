"""Generator-based coroutines from the Python 3.4 days: `python -m legacy_app.generators`.

`@asyncio.coroutine` and `yield from` (LM107), including the `with (yield from lock):` idiom.
"""
import asyncio
from asyncio import coroutine


@asyncio.coroutine
def lookup(key):
    yield from asyncio.sleep(0.001)
    return len(key)


@coroutine
def lookup_all(keys, lock):
    sizes = {}
    for key in keys:
        with (yield from lock):
            sizes[key] = yield from lookup(key)
    return sizes


class Cache:
    def __init__(self):
        self.data = {}

    @asyncio.coroutine
    def fill(self, keys):
        self.data = yield from lookup_all(keys, asyncio.Lock())
        return len(self.data)


async def main():
    cache = Cache()
    print("cached", await cache.fill(["a", "bb", "ccc"]), cache.data)


if __name__ == "__main__":
    asyncio.run(main())
