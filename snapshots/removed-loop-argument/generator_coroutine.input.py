import asyncio


@asyncio.coroutine
def legacy(loop):
    # A generator-based coroutine runs on the loop too: safe (LM107 makes it an `async def`).
    yield from asyncio.sleep(1, loop=loop)
