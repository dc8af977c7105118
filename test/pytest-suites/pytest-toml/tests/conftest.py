import asyncio

import pytest

from shop.db import Database


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.get_event_loop_policy().new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()


@pytest.fixture(scope="module")
async def db():
    database = await Database({"apple": 3}).connect()
    yield database
    await database.close()
