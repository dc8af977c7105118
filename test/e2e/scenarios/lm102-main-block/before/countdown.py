"""Count down, one tick per step, the way the 3.6 tutorials did it."""
import asyncio


async def countdown(name, n):
    while n > 0:
        print(f"{name}: {n}")
        await asyncio.sleep(0)
        n -= 1


async def main():
    await asyncio.gather(countdown("A", 2), countdown("B", 1))
    print("liftoff")


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    loop.run_until_complete(main())
    loop.close()
