import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n


async def main():
    done, pending = await asyncio.wait([fetch(1), fetch(2)])
    done, pending = await asyncio.wait({fetch(3), asyncio.sleep(0)}, timeout=1)
    done, pending = await asyncio.wait((fetch(4),), return_when=asyncio.FIRST_COMPLETED)
    return done, pending
