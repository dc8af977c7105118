import pytest


class TestPrices:
    @pytest.mark.asyncio
    async def test_apple_again(self, db):
        assert await db.fetch("apple") == 3

    def test_sync_in_class(self, event_loop, db):
        assert event_loop.run_until_complete(db.fetch("apple")) == 3
