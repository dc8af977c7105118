# snapshot: --target-version py311
import asyncio


async def a():
    pass


def main():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(a())
    loop.run_until_complete(a())
    loop.close()
