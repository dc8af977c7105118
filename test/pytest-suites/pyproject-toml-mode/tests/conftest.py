import pytest_asyncio

from shop.db import Database


@pytest_asyncio.fixture(scope="session")
async def db():
    database = await Database({"apple": 3}).connect()
    yield database
    await database.close()
