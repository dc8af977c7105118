import asyncio


async def handle(job):
    await asyncio.sleep(0)
    return job * 2


async def main():
    done = [await handle(job) for job in (1, 2, 3)]
    print("processed", done)


if __name__ == "__main__":
    asyncio.run(main())
