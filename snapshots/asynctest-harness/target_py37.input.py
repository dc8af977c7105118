# snapshot: --unsafe-fixes --target-version py37
import asynctest


class PingTest(asynctest.TestCase):
    async def test_ping(self):
        pong = asynctest.CoroutineMock(return_value="pong")
        self.assertEqual(await pong(), "pong")
