# snapshot: --unsafe-fixes
import asyncio


async def shutdown():
    me = asyncio.current_task()
    for task in asyncio.all_tasks():
        if task is not me:
            task.cancel()


def report(loop):
    # The loop argument is kept: the module functions still take it.
    return len(asyncio.all_tasks(loop)), asyncio.current_task(loop=loop)
