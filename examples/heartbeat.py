"""A module that keeps one legacy call on purpose, with a suppression comment saying why.

loopmigrate fixes the first `get_event_loop()` and leaves the suppressed one alone; the summary line
counts it as suppressed, and it does not make the run fail.
"""
import asyncio


async def heartbeat():
    loop = asyncio.get_event_loop()
    # Kept until the plugin that reads this value is migrated too.
    started = asyncio.get_event_loop().time()  # loopmigrate: ignore[LM101]
    await asyncio.sleep(0)
    return loop.time() - started


if __name__ == "__main__":
    print(asyncio.run(heartbeat()) >= 0)
