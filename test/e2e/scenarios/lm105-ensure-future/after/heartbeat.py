import asyncio
import itertools


async def heartbeat(interval):
    for n in itertools.count(1):
        print(f"beat {n}", flush=True)
        await asyncio.sleep(interval)


async def main():
    asyncio.ensure_future(heartbeat(0.02))
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        print("stopped")
