#!/usr/bin/env python
"""Copy a few "files" concurrently; run() is the console-script entry point."""
import asyncio
import sys


async def copy(name, delay):
    await asyncio.sleep(delay)
    return f"{name} copied"


async def backup(names):
    results = await asyncio.gather(*(copy(n, 0.01 * i) for i, n in enumerate(names)))
    for line in results:
        print(line)


def run(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or ["a.txt"]
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(backup(names))
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(run())
