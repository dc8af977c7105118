"""A crawler that waits on bare coroutines: `python -m legacy_app.crawler`.

`asyncio.wait([coro(), ...])` (LM109) and `asyncio.iscoroutinefunction` to dispatch callbacks (LM111).
"""
import asyncio


async def fetch(url):
    await asyncio.sleep(0.001 * len(url))
    return url.upper()


def log_sync(result):
    print("sync", result)


async def log_async(result):
    await asyncio.sleep(0)
    print("async", result)


async def notify(callback, result):
    if asyncio.iscoroutinefunction(callback):
        await callback(result)
    else:
        callback(result)


async def main(urls=("a", "bb", "ccc")):
    done, pending = await asyncio.wait([fetch(u) for u in urls], timeout=5)
    results = sorted(t.result() for t in done)
    await notify(log_sync, results)
    await notify(log_async, results)


if __name__ == "__main__":
    asyncio.run(main())
