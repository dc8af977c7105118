"""A client that accepts an optional event loop, as libraries did before asyncio.run() existed."""
import asyncio


class Client:
    def __init__(self, loop=None):
        self.loop = loop or asyncio.get_event_loop()
        self.sent = []

    def send(self, message):
        return self.loop.run_until_complete(self._send(message))

    async def _send(self, message):
        await asyncio.sleep(0)
        self.sent.append(message)
        return len(self.sent)

    def close(self):
        self.loop.close()


if __name__ == "__main__":
    client = Client()
    client.send("hello")
    print(client.send("world"), "messages sent")
    client.close()
