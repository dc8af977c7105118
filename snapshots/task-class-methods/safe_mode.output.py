# Without --unsafe-fixes nothing changes: the fix is always unsafe.
import asyncio


async def shutdown():
    me = asyncio.Task.current_task()
    for task in asyncio.Task.all_tasks():
        if task is not me:
            task.cancel()


def report(loop):
    # The loop argument is kept: the module functions still take it.
    return len(asyncio.Task.all_tasks(loop)), asyncio.Task.current_task(loop=loop)
