# snapshot: --unsafe-fixes
import asyncio


async def work():
    await asyncio.sleep(0)


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    task = loop.create_task(work())
    loop.run_until_complete(task)
    loop.close()
