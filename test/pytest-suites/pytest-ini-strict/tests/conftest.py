import asyncio

import pytest
import pytest_asyncio

from shop.db import Database


@pytest.fixture(scope="module")
def event_loop():
    policy = asyncio.get_event_loop_policy()
    loop = policy.new_event_loop()
    try:
        yield loop
    finally:
        loop.close()


@pytest_asyncio.fixture(scope="module")
async def db():
    database = await Database({"apple": 3, "pear": 5}).connect()
    yield database
    await database.close()
