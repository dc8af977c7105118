import asyncio


def make_loop():
    return asyncio.new_event_loop()


async def main(loops):
    # The argument does more than name a loop: reported, not fixed.
    await asyncio.sleep(1, loop=make_loop())
    await asyncio.sleep(1, loop=loops[0])
    lock = asyncio.Lock(loop=loops.pop())
    # Naming the running loop is fine.
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return lock
