import asyncio


async def main():
    async def inner(n):
        return n

    # A coroutine function defined in the enclosing function: safe.
    done, _ = await asyncio.wait(
        [asyncio.create_task(inner(1)), asyncio.create_task(inner(2))]
    )
    return done
