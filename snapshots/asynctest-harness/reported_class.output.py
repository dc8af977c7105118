# snapshot: --unsafe-fixes
import asyncio
import unittest.mock

import asynctest

from relay import Relay


def fake_socket():
    sock = unittest.mock.Mock()
    sock.recv = unittest.mock.AsyncMock(return_value=b"ping")
    return sock


class RelayTest(asynctest.TestCase):
    async def setUp(self):
        self.relay = Relay(fake_socket(), loop=self.loop)

    def test_start(self):
        self.loop.run_until_complete(self.relay.start())
        self.relay.send = asynctest.CoroutineMock()


class RelaySubclassTest(RelayTest):
    async def test_forward(self):
        await self.relay.forward()


class PlainTest(unittest.IsolatedAsyncioTestCase):
    async def test_ping(self):
        await asyncio.sleep(0)
