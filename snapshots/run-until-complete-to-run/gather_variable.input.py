import asyncio

async def job(n):
    return n

if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    everything = asyncio.gather(job(1), job(2))
    print(loop.run_until_complete(everything))
    loop.close()
