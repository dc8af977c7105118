# snapshot: --unsafe-fixes --conftest
import asyncio

import pytest
import uvloop


@pytest.fixture(scope="session")
def event_loop():
    loop = uvloop.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    loop.close()


@pytest.fixture(scope="session")
async def server():
    yield object()
