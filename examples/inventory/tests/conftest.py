import asyncio

import pytest
import pytest_asyncio

from store import Store


@pytest.fixture(scope="session")
def event_loop():
    """Share one loop across the run so the store connection can be reused."""
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest_asyncio.fixture(scope="session")
async def store():
    connected = await Store({"apple": 3, "pear": 5}).connect()
    yield connected
    await connected.close()
