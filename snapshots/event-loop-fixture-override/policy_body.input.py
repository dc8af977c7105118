# snapshot: --unsafe-fixes
import asyncio

import pytest
import uvloop


@pytest.fixture(scope="session")
def event_loop():
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    loop = asyncio.new_event_loop()
    loop.set_debug(True)
    yield loop
    loop.close()
