import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print("loop", type(loop).__name__)


if __name__ == "__main__":
    asyncio.run(main(), loop_factory=asyncio.new_event_loop)
