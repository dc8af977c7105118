# snapshot: --unsafe-fixes
from asyncio import get_event_loop, sleep

# The scheduler keeps a reference to the loop.
QUEUE = []


def schedule(delay, callback):
    loop = get_event_loop()
    loop.call_later(delay, callback)
    QUEUE.append(loop)
    return loop


async def tick():
    await sleep(0)


if __name__ == "__main__":
    loop = schedule(0.01, print)
    loop.run_until_complete(tick())
