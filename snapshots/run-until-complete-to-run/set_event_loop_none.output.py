import asyncio

async def main():
    print("set none")

def run():
    try:
        asyncio.run(main())
    finally:
        asyncio.set_event_loop(None)

run()
