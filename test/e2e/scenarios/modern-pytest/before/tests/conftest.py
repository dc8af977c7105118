import asyncio

import pytest_asyncio


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_queue():
    queue = asyncio.Queue()
    yield queue
