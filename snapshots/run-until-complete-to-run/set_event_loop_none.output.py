import asyncio

async def main():
    print("set none")

def run():
    asyncio.run(main())

run()
