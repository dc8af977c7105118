import asyncio

lock = asyncio.Lock()

async def square(x):
    async with lock:
        await asyncio.sleep(0)
        return x * x

async def both(x):
    return await asyncio.gather(square(x), square(x + 1))

results = [asyncio.get_event_loop().run_until_complete(both(x)) for x in range(3)]
print(results)
