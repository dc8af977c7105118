import asyncio


async def fetch(n):
    return n


def run_all(loop):
    # No running loop to create tasks on: reported only.
    return loop.run_until_complete(asyncio.wait([fetch(1), fetch(2)]))
