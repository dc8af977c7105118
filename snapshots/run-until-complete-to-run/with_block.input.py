import asyncio
import contextlib

async def main():
    print("with block")

if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    with contextlib.suppress(KeyboardInterrupt):
        loop.run_until_complete(main())
    loop.close()
