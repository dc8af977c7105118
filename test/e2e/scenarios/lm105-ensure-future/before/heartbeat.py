import asyncio
import itertools


async def heartbeat(interval):
    for n in itertools.count(1):
        print(f"beat {n}", flush=True)
        await asyncio.sleep(interval)


if __name__ == "__main__":
    asyncio.ensure_future(heartbeat(0.02))
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        print("stopped")
