import asyncio


async def fetch(n):
    return n


async def main(loop, tasks):
    # Futures and tasks stay as they are; only the coroutine call is wrapped.
    done, _ = await asyncio.wait([
        asyncio.create_task(fetch(1)),
        asyncio.ensure_future(fetch(2)),
        loop.run_in_executor(None, print),
        tasks[0],
    ])
    return done
