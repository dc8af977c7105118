import asyncio
import inspect


async def compute(x):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, pow, x, 2)


async def main():
    tasks = [asyncio.create_task(compute(n)) for n in range(3)]
    done, _ = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), inspect.iscoroutinefunction(compute))
    async with asyncio.timeout(5):
        await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
    with asyncio.Runner() as runner:
        runner.run(asyncio.sleep(0))
        print(runner.run(compute(4)))
