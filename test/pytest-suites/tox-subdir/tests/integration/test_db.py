import pytest


@pytest.mark.asyncio
async def test_apple(db):
    assert await db.fetch("apple") == 3


@pytest.mark.asyncio()
async def test_again(db):
    assert await db.fetch("apple") == 3
