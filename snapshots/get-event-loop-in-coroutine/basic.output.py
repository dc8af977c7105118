import asyncio


async def fetch(executor, work):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, work)


class Client:
    async def connect(self):
        self.loop = asyncio.get_running_loop()
        waiter = asyncio.get_running_loop().create_future()
        return [asyncio.get_running_loop() for _ in range(2)], waiter
