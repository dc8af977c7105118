import asyncio


async def fetch(n):
    return n


class Crawler:
    async def visit(self, url):
        return url

    async def crawl(self, urls):
        # A method of the same class, through self.
        done, _ = await asyncio.wait([asyncio.create_task(self.visit(u)) for u in urls])
        done, _ = await asyncio.wait({asyncio.create_task(fetch(n)) for n in range(3)})
        done, _ = await asyncio.wait(asyncio.create_task(fetch(n)) for n in range(3))
        return done
