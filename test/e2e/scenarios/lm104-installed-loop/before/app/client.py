import asyncio


class Client:
    def __init__(self, loop=None):
        self.loop = loop or asyncio.get_event_loop()
        self.replies = asyncio.Queue()

    def ping(self):
        self.loop.call_soon(self.replies.put_nowait, "pong")

    async def reply(self):
        return await self.replies.get()
