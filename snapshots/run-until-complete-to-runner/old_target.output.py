# snapshot: --unsafe-fixes --target-version py310
import asyncio


async def a():
    pass


async def b():
    pass


def main():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(a())
    loop.run_until_complete(b())
    loop.close()
