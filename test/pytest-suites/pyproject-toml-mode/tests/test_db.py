import pytest


@pytest.mark.asyncio(scope="session")
async def test_apple(db):
    assert await db.fetch("apple") == 3


@pytest.mark.asyncio(scope="session")
async def test_apple_twice(db):
    assert await db.fetch("apple") == 3
