"""`coroutine` imported from asyncio: the import goes once its last use is gone."""
from asyncio import coroutine, sleep
import functools


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@traced
@coroutine
def stacked():
    yield from sleep(0)


@coroutine
def no_yield_from():
    print("ran")


@coroutine
def returns_literal():
    return 42
