# snapshot: --unsafe-fixes --target-version py312
import asyncio

import uvloop


async def main():
    await asyncio.sleep(0)
    print("ran on", type(asyncio.get_running_loop()).__module__)


if __name__ == "__main__":
    uvloop.run(main(), debug=False)
