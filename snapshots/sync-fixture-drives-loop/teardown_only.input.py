# snapshot: --unsafe-fixes
import asyncio

import pytest


class Batcher:
    async def stop(self):
        await asyncio.sleep(0)


@pytest.fixture
def batcher():
    b = Batcher()
    yield b
    # The async tests used `b` on their own loop: a new loop here breaks its tasks.
    asyncio.get_event_loop().run_until_complete(b.stop())

