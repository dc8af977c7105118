# snapshot: --unsafe-fixes --loop-set-elsewhere app/setup.py:12
import asyncio


async def work():
    await asyncio.sleep(0)


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    task = loop.create_task(work())
    loop.run_until_complete(task)
