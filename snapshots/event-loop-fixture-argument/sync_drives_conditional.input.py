# snapshot: --unsafe-fixes --asyncio-mode auto
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


def test_pick(event_loop):
    cached = True
    value = event_loop.run_until_complete(fetch(1) if cached else fetch(2))
    assert value == 1
    assert event_loop.run_until_complete(fetch(3)).bit_length() == 2
