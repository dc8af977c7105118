import asyncio


async def test_sleep():
    await asyncio.sleep(0)
