# snapshot: --unsafe-fixes --loop-scope module --asyncio-mode auto
import asyncio

import pytest

from shop.db import Database


@pytest.fixture(scope="module")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
async def db():
    database = await Database({}).connect()
    yield database
    await database.close()


async def test_empty(db):
    assert await db.fetch("x") is None


@pytest.mark.slow
async def test_slow(db):
    await asyncio.sleep(0)


def test_sync():
    assert True
