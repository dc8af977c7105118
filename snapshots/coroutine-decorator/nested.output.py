import asyncio


async def outer():
    def helper():
        # A generator of its own: its `yield from` stays.
        yield from range(3)

    async def inner():
        await asyncio.sleep(0)

    await inner()
    return list(helper())


async def already_native():
    await asyncio.sleep(0)
