# snapshot: --unsafe-fixes
import asyncio
import inspect


def run_callback(callback):
    if inspect.iscoroutinefunction(callback):
        return asyncio.run(callback())
    return callback()


# Referenced without a call, too.
CHECK = inspect.iscoroutinefunction
