import asyncio


async def serve():
    await asyncio.sleep(0)


def run():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(serve())
    except KeyboardInterrupt:
        print("interrupted")
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


run()
