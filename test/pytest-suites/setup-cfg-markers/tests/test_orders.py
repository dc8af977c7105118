import asyncio

import pytest
import pytest_asyncio

from shop.db import Database

pytestmark = pytest.mark.asyncio(scope="module")


@pytest_asyncio.fixture(scope="module")
async def db():
    database = await Database({"order-1": "paid"}).connect()
    yield database
    await database.close()


async def test_paid(db):
    assert await db.fetch("order-1") == "paid"


async def test_unknown(db):
    assert await db.fetch("order-2") is None


@pytest.mark.asyncio(scope="module")
async def test_loop_argument(db, event_loop):
    assert event_loop is asyncio.get_running_loop()
    assert await db.fetch("order-1") == "paid"
