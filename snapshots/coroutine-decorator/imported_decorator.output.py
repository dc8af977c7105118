"""`coroutine` imported from asyncio: the import goes once its last use is gone."""
from asyncio import sleep
import functools


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@traced
async def stacked():
    await sleep(0)


async def no_yield_from():
    print("ran")


async def returns_literal():
    return 42
