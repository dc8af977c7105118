# snapshot: --notebook
# %%
# Look-alikes LM112 must leave alone.
import asyncio


async def fetch():
    return 1


def helper():
    # Inside a def: it may run anywhere, not only in a cell.
    return asyncio.run(fetch())

# %%
# A loop the notebook made itself is not IPython's.
own = asyncio.new_event_loop()
own.run_until_complete(fetch())

# %%
value = await fetch()
