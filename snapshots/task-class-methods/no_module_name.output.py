# snapshot: --unsafe-fixes
from asyncio import Task


async def count(asyncio):
    # `asyncio` is taken here, so there is no way to spell the module function: reported only.
    return len(Task.all_tasks())
