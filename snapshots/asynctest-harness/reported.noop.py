import asyncio

import aiounittest
import asynctest

from server import Server, boom


class ConfiguredTest(asynctest.TestCase):
    use_default_loop = True
    forbid_get_event_loop = True

    @asynctest.fail_on(active_handles=True)
    async def test_checked(self):
        await self.assertAsyncRaises(ValueError, boom())
        await asynctest.helpers.exhaust_callbacks(asyncio.get_running_loop())
        self.server = asynctest.CoroutineMock()


@asynctest.lenient
class SelectorTest(asynctest.TestCase):
    async def test_socket(self):
        sock = asynctest.SocketMock()
        asynctest.set_read_ready(sock, asyncio.get_running_loop())


class Base(asynctest.TestCase):
    def setUp(self):
        self.server = Server()


class Derived(Base):
    async def setUp(self):
        await self.server.start()


class AioLoopTest(aiounittest.AsyncTestCase):
    def get_event_loop(self):
        return asyncio.new_event_loop()

    async def test_it(self):
        mock = asynctest.Mock(return_value=aiounittest.futurized(3))
        self.assertEqual(await mock(), 3)


def patched():
    with asynctest.patch.object(Server, "start", scope=asynctest.LIMITED):
        return asynctest.return_once(1)
