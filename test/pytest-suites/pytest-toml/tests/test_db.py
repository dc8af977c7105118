async def test_apple(db):
    assert await db.fetch("apple") == 3


async def test_apple_twice(db):
    assert await db.fetch("apple") == 3
