import asyncio


def check(fn, inspect):
    # `inspect` is a parameter here: the finding has no fix.
    return asyncio.iscoroutinefunction(fn) and inspect
