import asyncio


async def worker(n):
    await asyncio.sleep(3600)


async def cancel_others():
    current = asyncio.Task.current_task()
    others = [t for t in asyncio.Task.all_tasks() if t is not current]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
    return len(others)


async def main():
    for n in range(3):
        asyncio.create_task(worker(n))
    await asyncio.sleep(0)
    print("cancelled", await cancel_others())


asyncio.run(main())
