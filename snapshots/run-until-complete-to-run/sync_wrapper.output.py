import asyncio

limit = asyncio.Semaphore(1)

async def fetch(n):
    async with limit:
        await asyncio.sleep(0.01)
        return n

async def fetch_all(ns):
    return await asyncio.gather(*(fetch(n) for n in ns))

def fetch_sync(ns):
    return asyncio.get_event_loop().run_until_complete(fetch_all(ns))

if __name__ == "__main__":
    print(fetch_sync([1, 2]))
    print(fetch_sync([3, 4]))
