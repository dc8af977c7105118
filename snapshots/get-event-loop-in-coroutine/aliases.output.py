"""Aliased and from-imported spellings."""
from asyncio import sleep
import asyncio as aio


async def one():
    await sleep(0)
    return aio.get_running_loop()


async def two():
    return aio.get_running_loop()
