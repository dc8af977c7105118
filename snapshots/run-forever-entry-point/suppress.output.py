# snapshot: --unsafe-fixes
import asyncio
import contextlib

from asyncio import get_event_loop


async def serve():
    print("serving")


async def main():
    get_event_loop().create_task(serve())
    await asyncio.Event().wait()


with contextlib.suppress(KeyboardInterrupt):
    asyncio.run(main())
