# snapshot: --unsafe-fixes
import asyncio as aio

import pytest_asyncio
from shop import make_app


@pytest_asyncio.fixture(scope="module")
def event_loop():
    try:
        loop = aio.get_running_loop()
    except RuntimeError:
        loop = aio.get_event_loop_policy().new_event_loop()
    aio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


@pytest_asyncio.fixture(scope="module")
async def app():
    return make_app()
