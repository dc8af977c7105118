# snapshot: --unsafe-fixes --target-version py313
import asyncio

import uvloop


async def main():
    print("ran on", type(asyncio.get_running_loop()).__module__)


def cli():
    asyncio.run(
        main(),
        loop_factory=uvloop.new_event_loop,
    )


cli()
