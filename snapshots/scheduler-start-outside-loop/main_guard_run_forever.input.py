import asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler as S


def tick():
    print("tick")


if __name__ == "__main__":
    scheduler = S()
    scheduler.add_job(tick, "interval", seconds=3)
    scheduler.start()
    try:
        asyncio.get_event_loop().run_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
