# snapshot: --unsafe-fixes
import asyncio

import uvloop


async def work():
    await asyncio.sleep(0)


if __name__ == "__main__":
    uvloop.install()
    loop = asyncio.get_event_loop()
    task = loop.create_task(work())
    loop.run_until_complete(task)
