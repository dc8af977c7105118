import asyncio


async def main():
    await asyncio.sleep(0.01)
    print("done")


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
