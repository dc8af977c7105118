#!/usr/bin/env python3
# snapshot: --unsafe-fixes
import asyncio


async def work():
    await asyncio.sleep(0)


loop = asyncio.get_event_loop()
loop.call_later(0.01, print, "tick")
loop.run_until_complete(work())
