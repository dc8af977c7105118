# snapshot: --unsafe-fixes --target-version py313
import asyncio

import uvloop


async def main():
    print("ran on", type(asyncio.get_running_loop()).__module__)

asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def cli():
    asyncio.run(
        main(),
    )


cli()
