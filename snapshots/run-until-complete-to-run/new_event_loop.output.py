import asyncio


async def serve():
    await asyncio.sleep(0)


def run():
    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        print("interrupted")


run()
