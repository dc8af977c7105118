# snapshot: --unsafe-fixes
"""Store tests, with the names imported from asynctest."""
from unittest.mock import AsyncMock, patch, MagicMock as MM
from unittest import IsolatedAsyncioTestCase, mock

from store import Store


async def drop_tables():
    await Store.drop_all()


class StoreTestCase(IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.store = await Store.open()
        self.addAsyncCleanup(self.close_store)
        self.addAsyncCleanup(drop_tables)

    async def close_store(self):
        await self.store.close()


class LoadTest(StoreTestCase):
    async def asyncSetUp(self):
        await super().asyncSetUp()
        self.store.backend.load = AsyncMock(return_value={})

    @patch("store.clock")
    async def test_load(self, clock):
        cache = MM()
        cache.refresh = mock.AsyncMock()
        await self.store.load(cache)
        cache.refresh.assert_awaited()
        self.store.backend.load.assert_called_once_with(mock.ANY)
