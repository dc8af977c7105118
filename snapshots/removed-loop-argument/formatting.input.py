import asyncio


async def shapes(loop, coros):
    # Only argument.
    q = asyncio.Queue(loop=loop)
    # First of several, no spaces.
    s = asyncio.Semaphore(loop=loop,value=2)
    # Middle, odd spacing.
    c = asyncio.Condition(None , loop=loop , )
    # Last with a trailing comma on one line.
    b = asyncio.BoundedSemaphore(3, loop=loop,)
    # Alone, with a trailing comma.
    e = asyncio.Event(loop=loop,)
    # One per line, magic trailing comma.
    done, pending = await asyncio.wait(
        coros,
        loop=loop,
        timeout=5,
    )
    # Last line of a hanging argument list.
    await asyncio.sleep(1,
                        loop=loop)
    # A comment on the argument's line stays.
    await asyncio.wait_for(
        q.get(),
        loop=loop,  # the loop we run on
        timeout=1,
    )
    # A comment between the arguments stays.
    await asyncio.sleep(0,  # no delay
                        loop=loop)
    # Keyword spelled with spaces.
    await asyncio.sleep(0, loop = loop)
    return q, s, c, b, e, done, pending
