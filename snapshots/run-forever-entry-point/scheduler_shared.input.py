# snapshot: --unsafe-fixes
import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler

RUNS = []


def tick():
    RUNS.append(1)
    print("tick", len(RUNS), "jobs:", len(scheduler.get_jobs()))


scheduler = AsyncIOScheduler()
scheduler.add_job(tick, "interval", seconds=0.2)
scheduler.start()
print("started")
try:
    asyncio.get_event_loop().run_forever()
except KeyboardInterrupt:
    print("bye")
