import asyncio

from jobs.timing import delayed_callback, slow_square, timed, wait_until


async def main():
    loop = asyncio.get_running_loop()
    await wait_until(loop.time() + 0.01)
    value, elapsed = await timed(slow_square(7))
    print("square", value, elapsed > 0)
    print(await delayed_callback(0.01))


asyncio.run(main())
