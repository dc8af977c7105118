"""APScheduler's pre-3.11 asyncio example: start the scheduler, then run the loop forever."""
import asyncio
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

ticks = 0


def tick():
    global ticks
    ticks += 1
    print(f"tick {ticks}", flush=True)


async def main():
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=0.5, next_run_time=datetime.now())
    scheduler.start()
    print("Press Ctrl+C to exit", flush=True)

    # Execution will block here until Ctrl+C (Ctrl+Break on Windows) is pressed.
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (KeyboardInterrupt, SystemExit):
        pass
    print("bye")
