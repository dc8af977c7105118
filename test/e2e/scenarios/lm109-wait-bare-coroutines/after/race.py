import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    done, pending = await asyncio.wait([asyncio.create_task(fetch("fast", 0.001)), asyncio.create_task(fetch("slow", 0.05))])
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(
        [asyncio.create_task(fetch("a", 0.001)), asyncio.create_task(fetch("b", 0.5))], return_when=asyncio.FIRST_COMPLETED
    )
    for task in pending:
        task.cancel()
    print([t.result() for t in done])


asyncio.run(main())
