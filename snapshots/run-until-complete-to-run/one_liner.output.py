import asyncio


async def main():
    return 42


print(asyncio.run(main()))
