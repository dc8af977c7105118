import asyncio


async def main():
    return 42


print(asyncio.get_event_loop().run_until_complete(main()))
