import apscheduler.schedulers.asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler as Sched

jobs = Sched(timezone="UTC")
jobs.start()
apscheduler.schedulers.asyncio.AsyncIOScheduler().start()
