import asyncio

import pytest

from shop.db import Database


@pytest.fixture(scope="session")
def event_loop():
    """One loop for the whole run, so the database connection can be shared."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
async def db():
    database = await Database({"apple": 3, "pear": 5}).connect()
    yield database
    await database.close()
