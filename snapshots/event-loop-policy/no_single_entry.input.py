# snapshot: --unsafe-fixes --target-version py313
"""A package __init__ that picks the loop for whoever runs it."""
import asyncio

asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())


def teardown_module():
    asyncio.set_event_loop_policy(None)
