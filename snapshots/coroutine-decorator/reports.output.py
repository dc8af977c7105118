import asyncio


@asyncio.coroutine
def bare_yield():
    # A bare `yield` gives control back to the loop: a human must pick `await asyncio.sleep(0)`.
    yield


@asyncio.coroutine
def yields_value():
    value = yield 1
    return value


def plain_generator():
    yield 1


@asyncio.coroutine
def awaits_plain_generator():
    yield from plain_generator()


@asyncio.coroutine
def several_managers(lock, other):
    with (yield from lock), other:
        pass


handler = asyncio.coroutine(lambda: None)


@asyncio.coroutine
def iterates_a_literal():
    # `await [1]` would raise TypeError.
    yield from [1]


class Request:
    @asyncio.coroutine
    def __iter__(self):
        # The awaitable protocol of old: `__await__` must return an iterator, not a coroutine.
        result = yield from asyncio.sleep(0)
        return result

    __await__ = __iter__


# Not a decorator: reported, not changed.
wrap = asyncio.coroutine
