# snapshot: --unsafe-fixes
import asyncio

import asynctest

from relay import Relay


def fake_socket():
    sock = asynctest.Mock()
    sock.recv = asynctest.CoroutineMock(return_value=b"ping")
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


class PlainTest(asynctest.TestCase):
    async def test_ping(self):
        await asyncio.sleep(0)
