# snapshot: --unsafe-fixes --loop-scope module --asyncio-mode auto
import asyncio

import pytest
import pytest_asyncio

from shop.db import Database


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def db():
    database = await Database({}).connect()
    yield database
    await database.close()


@pytest.mark.asyncio(loop_scope="module")
async def test_empty(db):
    assert await db.fetch("x") is None


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.slow
async def test_slow(db):
    await asyncio.sleep(0)


def test_sync():
    assert True
