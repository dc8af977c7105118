import asyncio


async def fetch(executor, work):
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(executor, work)


class Client:
    async def connect(self):
        self.loop = asyncio.get_event_loop()
        waiter = asyncio.get_event_loop().create_future()
        return [asyncio.get_event_loop() for _ in range(2)], waiter
