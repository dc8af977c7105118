# snapshot: --unsafe-fixes
import asyncio
import unittest.mock

from shop.client import Client


class ClientTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = await Client.connect("memory://")

    async def asyncTearDown(self):
        await self.client.close()

    async def test_fetch(self):
        self.client.transport.get = unittest.mock.AsyncMock(return_value=b"ok")
        self.assertEqual(await self.client.fetch("/"), b"ok")
        self.client.transport.get.assert_awaited_once_with("/")

    @unittest.mock.patch("shop.client.time.monotonic", return_value=0.0)
    async def test_timeout(self, monotonic):
        session = unittest.mock.MagicMock()
        async with session as s:
            s.post.assert_not_called()
        monotonic.assert_has_calls([unittest.mock.call()])


class SettingsTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self):
        self.settings = {"retries": 3}

    async def test_retries(self):
        await asyncio.sleep(0)
        self.assertEqual(self.settings["retries"], 3)


if __name__ == "__main__":
    unittest.main()
