# snapshot: --unsafe-fixes
import asyncio

import asynctest

from shop.client import Client


class ClientTest(asynctest.TestCase):
    async def setUp(self):
        self.client = await Client.connect("memory://")

    async def tearDown(self):
        await self.client.close()

    async def test_fetch(self):
        self.client.transport.get = asynctest.CoroutineMock(return_value=b"ok")
        self.assertEqual(await self.client.fetch("/"), b"ok")
        self.client.transport.get.assert_awaited_once_with("/")

    @asynctest.patch("shop.client.time.monotonic", return_value=0.0)
    async def test_timeout(self, monotonic):
        session = asynctest.MagicMock()
        async with session as s:
            s.post.assert_not_called()
        monotonic.assert_has_calls([asynctest.call()])


class SettingsTest(asynctest.TestCase):
    def setUp(self):
        self.settings = {"retries": 3}

    async def test_retries(self):
        await asyncio.sleep(0)
        self.assertEqual(self.settings["retries"], 3)


if __name__ == "__main__":
    asynctest.main()
