# snapshot: --unsafe-fixes --asyncio-mode auto
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def test_pick():
    cached = True
    value = await (fetch(1) if cached else fetch(2))
    assert value == 1
    assert (await fetch(3)).bit_length() == 2
