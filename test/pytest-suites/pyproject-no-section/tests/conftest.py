import asyncio

import pytest
import pytest_asyncio

from shop.db import Database


@pytest.fixture(scope="session")
def event_loop(request):
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="session")
async def db():
    database = await Database({"apple": 3}).connect()
    yield database
    await database.close()
