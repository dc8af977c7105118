import asyncio


async def main():
    await asyncio.sleep(0.01)
    print("done")


if __name__ == "__main__":
    asyncio.run(main())
