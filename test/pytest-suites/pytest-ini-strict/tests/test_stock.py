import pytest


@pytest.mark.asyncio
async def test_apple(db):
    assert await db.fetch("apple") == 3


@pytest.mark.asyncio
async def test_pear(db):
    assert await db.fetch("pear") == 5


@pytest.mark.slow
def test_sync_lookup(event_loop, db):
    result = event_loop.run_until_complete(db.fetch("pear"))
    assert result == 5


def test_plain():
    assert 1 + 1 == 2
