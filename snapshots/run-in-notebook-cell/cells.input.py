# snapshot: --notebook
# %%
import asyncio


async def fetch(n):
    await asyncio.sleep(0)
    return n * 2

# %%
asyncio.run(fetch(1))

# %%
result = asyncio.get_event_loop().run_until_complete(fetch(2))
print(result)

# %%
loop = asyncio.get_event_loop()
total = loop.run_until_complete(asyncio.gather(fetch(3), fetch(4)))
print(sum(total))

# %%
print(asyncio.run(fetch(5)) + 1)

# %%
print(asyncio.run(fetch(6)).bit_length())
