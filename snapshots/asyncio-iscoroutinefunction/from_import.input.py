# snapshot: --unsafe-fixes
"""The from-import goes once its last use is gone; `import inspect` comes in."""
from asyncio import iscoroutinefunction, sleep


async def tick():
    await sleep(0)


def is_async(fn):
    return iscoroutinefunction(fn)
