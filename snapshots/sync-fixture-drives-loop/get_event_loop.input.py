# snapshot: --unsafe-fixes
import asyncio

import pytest

from app import Database, connect


@pytest.fixture
def db():
    """A fresh database per test."""
    loop = asyncio.get_event_loop()
    database = loop.run_until_complete(Database.create())
    yield database
    loop.run_until_complete(database.drop())


@pytest.fixture
def waiter():
    loop = asyncio.get_event_loop()
    fut = loop.create_future()
    loop.run_until_complete(connect(fut))
    return fut


@pytest.fixture
def pinged():
    return asyncio.get_event_loop().run_until_complete(connect(None)).ping()


@pytest.mark.asyncio
async def test_db(db, waiter, pinged):
    assert await db.ready()
