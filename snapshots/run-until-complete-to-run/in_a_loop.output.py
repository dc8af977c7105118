# snapshot: --unsafe-fixes
import asyncio


async def job(n):
    return n


def run_all(count):
    for n in range(count):
        print(asyncio.run(job(n)))


run_all(3)
