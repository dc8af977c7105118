import asyncio
import contextlib

async def main():
    print("with block")

if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())
