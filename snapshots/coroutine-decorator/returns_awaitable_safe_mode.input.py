# Without --unsafe-fixes the unsafe fix is not applied.
import asyncio


@asyncio.coroutine
def later(loop):
    # The decorator awaited the future this returns; `async def` returns it as it is.
    return loop.create_future()
