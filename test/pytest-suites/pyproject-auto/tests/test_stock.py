import asyncio


async def test_apple(db):
    assert await db.fetch("apple") == 3


async def test_pear(db):
    assert await db.fetch("pear") == 5


async def test_missing(db):
    assert await db.fetch("plum") is None


def test_sync_lookup(event_loop, db):
    assert event_loop.run_until_complete(db.fetch("apple")) == 3


async def test_runs_on_the_shared_loop(db, event_loop):
    await asyncio.sleep(0)
    assert event_loop.is_running()
