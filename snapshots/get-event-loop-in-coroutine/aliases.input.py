"""Aliased and from-imported spellings."""
from asyncio import get_event_loop, sleep
import asyncio as aio


async def one():
    await sleep(0)
    return get_event_loop()


async def two():
    return aio.get_event_loop()
