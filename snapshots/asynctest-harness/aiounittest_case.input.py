# snapshot: --unsafe-fixes
import asyncio
import unittest

import aiounittest


async def add(x, y):
    await asyncio.sleep(0)
    return x + y


class AddTest(aiounittest.AsyncTestCase):
    async def setUp(self):
        self.base = await add(0, 1)

    async def test_add(self):
        self.assertEqual(await add(self.base, 2), 3)

    def test_sync(self):
        self.assertEqual(self.base, 1)


class LegacyTest(unittest.TestCase):
    @aiounittest.async_test
    async def test_add(self):
        self.assertEqual(await add(1, 2), 3)
