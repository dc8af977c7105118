import asyncio as aio


async def main():
    await aio.sleep(0)


def entry():
    aio.run(main())


if __name__ == "__main__":
    entry()
