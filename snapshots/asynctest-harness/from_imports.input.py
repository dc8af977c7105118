# snapshot: --unsafe-fixes
"""Store tests, with the names imported from asynctest."""
from asynctest import TestCase, CoroutineMock, patch, MagicMock as MM
from asynctest import mock

from store import Store


async def drop_tables():
    await Store.drop_all()


class StoreTestCase(TestCase):
    async def setUp(self):
        self.store = await Store.open()
        self.addCleanup(self.close_store)
        self.addCleanup(drop_tables)

    async def close_store(self):
        await self.store.close()


class LoadTest(StoreTestCase):
    async def setUp(self):
        await super().setUp()
        self.store.backend.load = CoroutineMock(return_value={})

    @patch("store.clock")
    async def test_load(self, clock):
        cache = MM()
        cache.refresh = mock.CoroutineMock()
        await self.store.load(cache)
        cache.refresh.assert_awaited()
        self.store.backend.load.assert_called_once_with(mock.ANY)
