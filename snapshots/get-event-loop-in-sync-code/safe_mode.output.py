import asyncio


def current():
    return asyncio.get_event_loop()
