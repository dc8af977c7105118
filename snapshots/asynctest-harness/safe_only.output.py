import unittest.mock

import asynctest

from worker import Worker


def make_queue():
    queue = unittest.mock.MagicMock()
    queue.get = unittest.mock.AsyncMock(side_effect=[1, 2, StopAsyncIteration()])
    return queue


class WorkerTest(asynctest.TestCase):
    async def setUp(self):
        self.worker = Worker(make_queue())

    async def test_drains(self):
        await self.worker.drain()
        self.assertEqual(self.worker.done, [1, 2])
