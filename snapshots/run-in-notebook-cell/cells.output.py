# snapshot: --notebook
# %%
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n * 2

# %%
await fetch(1)

# %%
result = await fetch(2)
print(result)

# %%
loop = asyncio.get_event_loop()
total = await asyncio.gather(fetch(3), fetch(4))
print(sum(total))

# %%
print(await fetch(5) + 1)

# %%
print((await fetch(6)).bit_length())
