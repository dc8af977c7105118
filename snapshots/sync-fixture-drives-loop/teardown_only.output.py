# snapshot: --unsafe-fixes
import asyncio

import pytest_asyncio


class Batcher:
    async def stop(self):
        await asyncio.sleep(0)


@pytest_asyncio.fixture
async def batcher():
    b = Batcher()
    yield b
    # The async tests used `b` on their own loop: a new loop here breaks its tasks.
    await b.stop()

