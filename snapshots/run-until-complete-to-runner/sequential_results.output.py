# snapshot: --unsafe-fixes --target-version py312
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n * 2


if __name__ == "__main__":
    with asyncio.Runner() as runner:
        first = runner.run(fetch(1))
        # The second run reuses the same loop.
        second = runner.run(fetch(first))
        print(first, second)
    print("done")
