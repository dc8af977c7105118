import asyncio

DONE = []


async def migrate():
    await asyncio.sleep(0)
    DONE.append("migrate")


async def report():
    await asyncio.sleep(0)
    DONE.append("report")


def main():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(migrate())
    loop.run_until_complete(report())
    print(" then ".join(DONE))


if __name__ == "__main__":
    main()
