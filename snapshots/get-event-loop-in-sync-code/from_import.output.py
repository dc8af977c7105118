# snapshot: --unsafe-fixes
import asyncio
from asyncio import sleep


def _get_or_create_event_loop():
    """The running event loop, else a new loop set as the current one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


# The scheduler keeps a reference to the loop.
QUEUE = []


def schedule(delay, callback):
    loop = _get_or_create_event_loop()
    loop.call_later(delay, callback)
    QUEUE.append(loop)
    return loop


async def tick():
    await sleep(0)


if __name__ == "__main__":
    loop = schedule(0.01, print)
    loop.run_until_complete(tick())
