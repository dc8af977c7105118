# %%
import aiohttp

# %%
session = aiohttp.ClientSession()

# %%
await session.close()
other = aiohttp.ClientSession()
