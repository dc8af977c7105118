# snapshot: --unsafe-fixes --target-version py38
import asyncio
import sys


async def main():
    await asyncio.sleep(0)


def run():
    # Live on 3.8 and 3.9: the target still runs this branch, so it is migrated.
    if sys.version_info < (3, 10):
        loop = asyncio.new_event_loop()
        return loop.run_until_complete(main())
    return asyncio.run(main())
