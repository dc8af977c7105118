import asyncio


async def after(delay, value):
    await asyncio.sleep(delay)
    return value
