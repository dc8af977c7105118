# snapshot: --unsafe-fixes --target-version py38
import asyncio
import sys

PY37 = sys.version_info >= (3, 7)


async def main():
    await asyncio.sleep(0)


def run():
    if sys.version_info >= (3, 7):
        return asyncio.run(main())
    else:
        # Python 3.6: no asyncio.run() yet.
        loop = asyncio.get_event_loop()
        return loop.run_until_complete(main())


def run_flag():
    if not PY37:
        loop = asyncio.get_event_loop()
        return loop.run_until_complete(main())
    return asyncio.run(main())


def run_old_first():
    if sys.version_info[:2] < (3, 7):
        return asyncio.get_event_loop().run_until_complete(main())
    elif sys.version_info >= (3, 12):
        return asyncio.run(main(), debug=False)
    return asyncio.run(main())
