import asyncio

READINGS = {"oslo": -3, "lima": 19}


async def fetch(city):
    await asyncio.sleep(0)
    return READINGS[city]


async def report(cities):
    temps = await asyncio.gather(*(fetch(c) for c in cities))
    return dict(zip(cities, temps))
