# snapshot: --unsafe-fixes --target-version py310
# A loop from new_event_loop() is valid code; Runner is only suggested for targets that have it.
import asyncio


async def a():
    pass


def main():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(a())
    loop.run_until_complete(a())
    loop.close()
