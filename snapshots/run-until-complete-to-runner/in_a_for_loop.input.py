# snapshot: --unsafe-fixes --target-version py313
from asyncio import new_event_loop


async def job(n):
    return n


def run_all(count):
    loop = new_event_loop()
    results = []
    for n in range(count):
        results.append(loop.run_until_complete(job(n)))
    loop.close()
    return results


print(run_all(3))
