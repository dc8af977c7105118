from asyncio import get_event_loop
import asyncio as aio


async def main():
    await aio.sleep(0)


def entry():
    loop = get_event_loop()
    loop.run_until_complete(main())


if __name__ == "__main__":
    entry()
