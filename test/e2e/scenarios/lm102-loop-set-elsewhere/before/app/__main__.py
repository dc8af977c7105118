import asyncio

from app import setup


async def serve():
    loop = asyncio.get_running_loop()
    print("custom loop:", getattr(loop, "marked", False))


def main():
    setup.install()
    loop = asyncio.get_event_loop()
    loop.run_until_complete(serve())


if __name__ == "__main__":
    main()
