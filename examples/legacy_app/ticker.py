"""Periodic jobs with APScheduler 3's AsyncIOScheduler: `python -m legacy_app.ticker` (needs apscheduler).

TICK_SECONDS sets the interval (default 3).
"""
import asyncio
import os
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler


def tick():
    print("Tick! The time is: %s" % datetime.now())


if __name__ == "__main__":
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=float(os.environ.get("TICK_SECONDS", "3")))
    scheduler.start()
    print("Press Ctrl+{0} to exit".format("Break" if os.name == "nt" else "C"))

    # Execution blocks here until Ctrl+C (Ctrl+Break on Windows) is pressed.
    try:
        asyncio.get_event_loop().run_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
