# snapshot: --unsafe-fixes
import inspect
import asyncio


def run_callback(callback):
    if inspect.iscoroutinefunction(callback):
        return asyncio.run(callback())
    return callback()


# Referenced without a call, too.
CHECK = inspect.iscoroutinefunction
