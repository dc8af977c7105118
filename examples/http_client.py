"""A module-level aiohttp session shared by every request (LM302).

aiohttp 3.10+ raises `RuntimeError: no running event loop` when this module is imported.
"""
import asyncio

import aiohttp

session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))


async def status_of(url):
    async with session.get(url) as response:
        return response.status


async def main(urls):
    for url, status in zip(urls, await asyncio.gather(*(status_of(u) for u in urls))):
        print(url, status)
    await session.close()


if __name__ == "__main__":
    asyncio.run(main(["https://www.python.org"]))
