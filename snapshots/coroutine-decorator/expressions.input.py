import asyncio


@asyncio.coroutine
def shapes(futures, a, b, lock):
    # As an expression, parenthesised, in a return, as an operand.
    x = yield from futures[0]
    y = (yield from futures[1]).result()
    total = (yield from a) + (yield from b)
    print((yield from asyncio.sleep(0)))
    # A lower-precedence operand needs parentheses after `await`.
    z = yield from a or b
    # The lock idiom removed in Python 3.9.
    with (yield from lock):
        pass
    with (yield from lock) as held:
        assert held is None
    return (yield from asyncio.wait_for(futures[2], 1)), x, y, z, total
