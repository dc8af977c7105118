import asyncio
from asyncio import get_event_loop


async def handler(request):
    loop = asyncio.get_running_loop()
    print(f"fetched with {get_event_loop.__name__}")
    return loop.time()
