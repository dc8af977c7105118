import asyncio
import sys


async def fetch_all(urls):
    return [len(u) for u in urls]


def main():
    result = asyncio.run(fetch_all(sys.argv[1:]))
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
