# snapshot: --unsafe-fixes --target-version py38
import asyncio


async def setup():
    pass


async def serve():
    pass


def main():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(setup())
    loop.run_until_complete(serve())
