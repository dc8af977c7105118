# snapshot: --unsafe-fixes --target-version py310
import asyncio

import uvloop


async def main():
    pass


uvloop.install()
asyncio.run(main())
