# snapshot: --unsafe-fixes --target-version py313
import asyncio


async def job(n):
    return n


def run_all(count):
    with asyncio.Runner() as runner:
        results = []
        for n in range(count):
            results.append(runner.run(job(n)))
    return results


print(run_all(3))
