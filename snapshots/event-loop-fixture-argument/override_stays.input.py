# snapshot: --unsafe-fixes --event-loop-stays
import asyncio

import pytest


@pytest.mark.asyncio
async def test_uses_it(event_loop):
    assert event_loop.get_debug() in (True, False)


@pytest.mark.asyncio
async def test_unused(event_loop):
    await asyncio.sleep(0)


def test_sync(event_loop):
    assert event_loop.run_until_complete(asyncio.sleep(0, 1)) == 1
