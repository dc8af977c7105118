import asyncio

from netlib.compat import gather_limited, run_sync


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


print(run_sync(gather_limited([double(n) for n in range(4)], limit=2)))
loop = asyncio.new_event_loop()
try:
    print(run_sync(double(21), loop=loop))
finally:
    loop.close()
