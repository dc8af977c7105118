"""APScheduler 3.11's own asyncio example shape: build and start the scheduler in async main()."""
import asyncio
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler


async def main():
    finished = asyncio.Event()
    ticks = []

    async def tick():
        ticks.append(datetime.now())
        print(f"tick {len(ticks)}", flush=True)
        if len(ticks) == 2:
            finished.set()

    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=0.2, next_run_time=datetime.now(), misfire_grace_time=None)
    scheduler.start()
    await finished.wait()
    scheduler.shutdown(wait=False)


if __name__ == "__main__":
    asyncio.run(main())
