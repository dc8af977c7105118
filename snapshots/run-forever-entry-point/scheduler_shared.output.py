# snapshot: --unsafe-fixes
import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler

RUNS = []


def tick():
    RUNS.append(1)
    print("tick", len(RUNS), "jobs:", len(scheduler.get_jobs()))


async def main():
    global scheduler
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=0.2)
    scheduler.start()
    print("started")
    await asyncio.Event().wait()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("bye")
