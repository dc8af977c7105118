import unittest.mock

from inventory import Inventory


class InventoryTestCase(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.backend = unittest.mock.MagicMock()
        self.backend.fetch = unittest.mock.AsyncMock(return_value=5)
        self.backend.store = unittest.mock.AsyncMock()
        self.inventory = Inventory(self.backend)
        await self.inventory.open()

    async def asyncTearDown(self):
        await self.inventory.close()
        self.assertTrue(self.inventory.closed)


class ReserveTest(InventoryTestCase):
    async def asyncSetUp(self):
        await super().asyncSetUp()
        self.addAsyncCleanup(self.release_all)

    async def release_all(self):
        await self.inventory.release_all()
        self.assertEqual(self.inventory.reserved, {})

    async def test_reserve(self):
        await self.inventory.reserve("apple", 2)
        self.backend.store.assert_awaited_once_with("apple", 3)
        self.assertEqual(self.inventory.reserved, {"apple": 2})

    async def test_out_of_stock(self):
        with self.assertRaises(ValueError):
            await self.inventory.reserve("apple", 6)
        self.backend.store.assert_not_awaited()

    @unittest.mock.patch("inventory.audit")
    async def test_audit(self, audit):
        await self.inventory.reserve("pear", 1)
        audit.assert_called_once_with("pear", 1)


class LimitsTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self):
        self.limits = {"apple": 5}

    def test_limits(self):
        self.assertEqual(self.limits["apple"], 5)
