# snapshot: --unsafe-fixes
"""The from-import goes once its last use is gone; `import inspect` comes in."""
import inspect
from asyncio import sleep


async def tick():
    await sleep(0)


def is_async(fn):
    return inspect.iscoroutinefunction(fn)
