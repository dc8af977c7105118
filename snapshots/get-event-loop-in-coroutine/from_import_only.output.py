import asyncio


async def handler(request):
    loop = asyncio.get_running_loop()
    return loop.time()
