# Look-alikes LM107 must leave alone.
import asyncio
import types


@types.coroutine
def switch():
    # types.coroutine is alive and well.
    yield


def coroutine(fn):
    return fn


@coroutine
def our_own_decorator():
    yield from range(3)


class Tools:
    coroutine = staticmethod(coroutine)


@Tools.coroutine
def other_objects_decorator():
    yield from range(3)


def shadowed(asyncio):
    # `asyncio` is a parameter here, not the module.
    @asyncio.coroutine
    def inner():
        yield from range(3)
    return inner


def plain():
    yield from range(3)


async def modern():
    await asyncio.sleep(0)


text = "@asyncio.coroutine"
# @asyncio.coroutine
