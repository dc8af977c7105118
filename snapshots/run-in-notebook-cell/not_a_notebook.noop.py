# A plain module (no --notebook): asyncio.run() at the top level is right here.
import asyncio


async def main():
    await asyncio.sleep(0)


asyncio.run(main())
