import asyncio


async def same_loop():
    # Compared on purpose: rewriting the left side would make this always true.
    assert asyncio.get_event_loop() is asyncio.get_running_loop()
    return asyncio.get_event_loop()
