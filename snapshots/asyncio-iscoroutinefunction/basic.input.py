# snapshot: --unsafe-fixes
import asyncio


def run_callback(callback):
    if asyncio.iscoroutinefunction(callback):
        return asyncio.run(callback())
    return callback()


# Referenced without a call, too.
CHECK = asyncio.iscoroutinefunction
