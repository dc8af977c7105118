import asyncio
import functools


def cached(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args)

    return wrapper


async def plain():
    pass


@cached
async def decorated():
    pass


wrapped = cached(plain)


def checks():
    # A function defined here without a decorator: both functions agree.
    assert asyncio.iscoroutinefunction(plain)
    # A decorated function or a call's result may be a wrapper carrying asyncio's marker.
    assert not asyncio.iscoroutinefunction(decorated)
    assert not asyncio.iscoroutinefunction(wrapped)
    assert not asyncio.iscoroutinefunction(cached(plain))
    # Compared on purpose: the rewrite would make a tautology.
    assert asyncio.iscoroutinefunction(plain) == inspect.iscoroutinefunction(plain)


import inspect
