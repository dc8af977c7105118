# snapshot: --unsafe-fixes
"""Task imported from asyncio or its submodule, and aliases."""
import asyncio as aio


async def count():
    return len(aio.all_tasks()) + len(aio.all_tasks()) + len(aio.all_tasks())


async def current():
    return aio.current_task()
