import asyncio
import sys


async def fetch_all(urls):
    return [len(u) for u in urls]


def main():
    loop = asyncio.get_event_loop()
    result = loop.run_until_complete(fetch_all(sys.argv[1:]))
    loop.close()
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
