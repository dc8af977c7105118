# snapshot: --unsafe-fixes --target-version py312
import asyncio
import sys


async def main():
    await asyncio.sleep(0)
    print("ran on", type(asyncio.get_running_loop()).__name__)


if __name__ == "__main__":
    asyncio.run(
        main(),
        loop_factory=asyncio.SelectorEventLoop
        if sys.platform.startswith("win")
        else None,
    )
