# snapshot: --unsafe-fixes
import asyncio


class Worker:
    def __init__(self, loop):
        self.loop = loop


def start():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    worker = Worker(loop)
    loop.call_soon(print, "started")
    return worker


def replaced():
    first = asyncio.new_event_loop()
    asyncio.set_event_loop(first)
    first = None
    # `first` was rebound: get_event_loop() still returns the installed loop, not the name.
    return asyncio.get_event_loop()
