from apscheduler.schedulers.asyncio import AsyncIOScheduler

scheduler = AsyncIOScheduler()


def start_jobs():
    scheduler.add_job(print, "interval", seconds=1)
    scheduler.start()


start_jobs()


async def ok():
    scheduler.start()
