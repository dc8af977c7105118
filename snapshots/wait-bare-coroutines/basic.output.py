import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def main():
    done, pending = await asyncio.wait(
        [asyncio.create_task(fetch(1)), asyncio.create_task(fetch(2))]
    )
    done, pending = await asyncio.wait(
        {asyncio.create_task(fetch(3)), asyncio.create_task(asyncio.sleep(0))},
        timeout=1,
    )
    done, pending = await asyncio.wait(
        (asyncio.create_task(fetch(4)),), return_when=asyncio.FIRST_COMPLETED
    )
    return done, pending
