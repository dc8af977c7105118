import asyncio


async def fetch(n):
    return n


@asyncio.coroutine
def legacy():
    # A generator-based coroutine runs on the loop too, so tasks can be created here.
    done, _ = yield from asyncio.wait(
        [asyncio.create_task(fetch(1)), asyncio.create_task(fetch(2))]
    )
    return done
