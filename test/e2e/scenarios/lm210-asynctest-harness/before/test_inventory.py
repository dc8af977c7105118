import asynctest

from inventory import Inventory


class InventoryTestCase(asynctest.TestCase):
    async def setUp(self):
        self.backend = asynctest.MagicMock()
        self.backend.fetch = asynctest.CoroutineMock(return_value=5)
        self.backend.store = asynctest.CoroutineMock()
        self.inventory = Inventory(self.backend)
        await self.inventory.open()

    async def tearDown(self):
        await self.inventory.close()
        self.assertTrue(self.inventory.closed)


class ReserveTest(InventoryTestCase):
    async def setUp(self):
        await super().setUp()
        self.addCleanup(self.release_all)

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

    @asynctest.patch("inventory.audit")
    async def test_audit(self, audit):
        await self.inventory.reserve("pear", 1)
        audit.assert_called_once_with("pear", 1)


class LimitsTest(asynctest.TestCase):
    def setUp(self):
        self.limits = {"apple": 5}

    def test_limits(self):
        self.assertEqual(self.limits["apple"], 5)
