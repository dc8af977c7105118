import asyncio


@asyncio.coroutine
def outer():
    def helper():
        # A generator of its own: its `yield from` stays.
        yield from range(3)

    @asyncio.coroutine
    def inner():
        yield from asyncio.sleep(0)

    yield from inner()
    return list(helper())


@asyncio.coroutine
async def already_native():
    await asyncio.sleep(0)
