"""Periodic jobs with APScheduler 3.x, started the way its old asyncio example did (LM301).

On APScheduler 3.11 `scheduler.start()` raises `RuntimeError: no running event loop` here.
"""
import asyncio
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler


def heartbeat():
    print(f"alive at {datetime.now():%H:%M:%S}")


if __name__ == "__main__":
    scheduler = AsyncIOScheduler()
    scheduler.add_job(heartbeat, "interval", seconds=1)
    scheduler.start()
    print("Press Ctrl+C to exit")
    try:
        asyncio.get_event_loop().run_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
