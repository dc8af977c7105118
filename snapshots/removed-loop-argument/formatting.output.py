import asyncio


async def shapes(loop, coros):
    # Only argument.
    q = asyncio.Queue()
    # First of several, no spaces.
    s = asyncio.Semaphore(value=2)
    # Middle, odd spacing.
    c = asyncio.Condition(None)
    # Last with a trailing comma on one line.
    b = asyncio.BoundedSemaphore(3)
    # Alone, with a trailing comma.
    e = asyncio.Event()
    # One per line, magic trailing comma.
    done, pending = await asyncio.wait(
        coros,
        timeout=5,
    )
    # Last line of a hanging argument list.
    await asyncio.sleep(1)
    # A comment on the argument's line stays.
    await asyncio.wait_for(
        q.get(),
        # the loop we run on
        timeout=1,
    )
    # A comment between the arguments stays.
    await asyncio.sleep(0,  # no delay
                        )
    # Keyword spelled with spaces.
    await asyncio.sleep(0)
    return q, s, c, b, e, done, pending
