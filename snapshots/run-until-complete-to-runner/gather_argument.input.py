# snapshot: --unsafe-fixes --target-version py312
import asyncio


async def a():
    pass


def main():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.gather(a(), a()))
    loop.run_until_complete(a())
    loop.close()
