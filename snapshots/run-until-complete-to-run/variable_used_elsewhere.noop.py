# The loop variable is used for more than one run and its housekeeping (the analysis LM103 and LM104
# share, src/python/loops.ts): nothing for LM102.
import asyncio


async def work():
    await asyncio.sleep(0)


def rebound_by_a_nested_function():
    # asyncio.run() would leave `nonlocal loop` with no binding to refer to.
    loop = asyncio.new_event_loop()

    def renew():
        nonlocal loop
        loop = asyncio.new_event_loop()

    loop.run_until_complete(work())
    renew()
    loop.close()


def shuts_down_another_loop():
    # A second run on the loop (another loop's housekeeping, not its own): LM103's.
    other = asyncio.new_event_loop()
    loop = asyncio.new_event_loop()
    loop.run_until_complete(work())
    loop.run_until_complete(other.shutdown_asyncgens())
    loop.close()
