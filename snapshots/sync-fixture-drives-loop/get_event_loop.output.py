# snapshot: --unsafe-fixes
import asyncio

import pytest
import pytest_asyncio

from app import Database, connect


@pytest_asyncio.fixture
async def db():
    """A fresh database per test."""
    database = await Database.create()
    yield database
    await database.drop()


@pytest_asyncio.fixture
async def waiter():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    await connect(fut)
    return fut


@pytest_asyncio.fixture
async def pinged():
    return (await connect(None)).ping()


@pytest.mark.asyncio
async def test_db(db, waiter, pinged):
    assert await db.ready()
