# snapshot: --unsafe-fixes --loop-set-elsewhere app/setup.py:12
import asyncio


async def serve():
    await asyncio.sleep(0)


def run_server():
    # app/setup.py set the loop (a selector loop, uvloop): get_event_loop() returns it here.
    loop = asyncio.get_event_loop()
    loop.run_until_complete(serve())


def run_fresh():
    # A loop made here is not the set one: asyncio.run() is still right.
    loop = asyncio.new_event_loop()
    loop.run_until_complete(serve())
    loop.close()
