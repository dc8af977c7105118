import asyncio
import functools
import unittest


def async_test(f):
    """Run a coroutine test method to completion."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        return asyncio.run(f(*args, **kwargs))

    return wrapper


class Cache:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.data = {}

    async def put(self, key, value):
        async with self.lock:
            self.data[key] = value


class CacheTest(unittest.TestCase):
    @async_test
    async def test_put(self):
        cache = Cache()
        await cache.put("a", 1)
        self.assertEqual(cache.data, {"a": 1})

    @async_test
    async def test_put_twice(self):
        cache = Cache()
        await asyncio.gather(cache.put("a", 1), cache.put("a", 2))
        self.assertEqual(cache.data, {"a": 2})


if __name__ == "__main__":
    unittest.main()
