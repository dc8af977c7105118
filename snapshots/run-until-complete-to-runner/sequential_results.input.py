# snapshot: --unsafe-fixes --target-version py312
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n * 2


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    first = loop.run_until_complete(fetch(1))
    # The second run reuses the same loop.
    second = loop.run_until_complete(fetch(first))
    print(first, second)
    loop.close()
    print("done")
