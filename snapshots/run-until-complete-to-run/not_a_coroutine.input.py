import asyncio


async def a():
    pass


async def b():
    pass


loop = asyncio.get_event_loop()
loop.run_until_complete(asyncio.gather(a(), b()))
