# snapshot: --unsafe-fixes
import asyncio
import contextlib

from asyncio import get_event_loop


async def serve():
    print("serving")


get_event_loop().create_task(serve())
with contextlib.suppress(KeyboardInterrupt):
    get_event_loop().run_forever()
