import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print("loop", type(loop).__name__)


if __name__ == "__main__":
    asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
    asyncio.run(main())
