# snapshot: --unsafe-fixes
import asyncio

async def fetch(i):
    await asyncio.sleep(0.01)
    print("fetched", i)
    return i

if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    tasks = [asyncio.ensure_future(fetch(i)) for i in range(3)]
    loop.run_until_complete(asyncio.wait(tasks))
    loop.close()
    print("done")
