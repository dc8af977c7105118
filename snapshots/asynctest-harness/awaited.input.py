import asyncio

import asynctest


class NotifyTest(asynctest.TestCase):
    async def test_notified(self):
        callback = asynctest.CoroutineMock()
        asyncio.get_running_loop().call_soon(asyncio.ensure_future, callback())
        await callback.awaited.wait()
