import asyncio
import sys

PY37 = sys.version_info >= (3, 7)


async def main():
    await asyncio.sleep(0)
    print("done")


def run():
    if sys.version_info >= (3, 7):
        asyncio.run(main())
    else:  # Python 3.6 had no asyncio.run()
        loop = asyncio.get_event_loop()
        loop.run_until_complete(main())


def run_again():
    if not PY37:
        asyncio.get_event_loop().run_until_complete(main())
    else:
        asyncio.run(main())


if __name__ == "__main__":
    run()
    run_again()
