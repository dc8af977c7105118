# snapshot: --unsafe-fixes
"""Task imported from asyncio or its submodule, and aliases."""
import asyncio as aio
from asyncio import Task
from asyncio.tasks import Task as T


async def count():
    return len(Task.all_tasks()) + len(T.all_tasks()) + len(aio.Task.all_tasks())


async def current():
    return Task.current_task()
