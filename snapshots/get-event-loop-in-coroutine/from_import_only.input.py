from asyncio import get_event_loop


async def handler(request):
    loop = get_event_loop()
    return loop.time()
