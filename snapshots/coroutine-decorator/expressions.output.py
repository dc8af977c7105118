import asyncio


async def shapes(futures, a, b, lock):
    # As an expression, parenthesised, in a return, as an operand.
    x = await futures[0]
    y = (await futures[1]).result()
    total = (await a) + (await b)
    print((await asyncio.sleep(0)))
    # A lower-precedence operand needs parentheses after `await`.
    z = await (a or b)
    # The lock idiom removed in Python 3.9.
    async with lock:
        pass
    async with lock as held:
        assert held is None
    return (await asyncio.wait_for(futures[2], 1)), x, y, z, total
