import asyncio


async def fetch(reader):
    data = await reader.read(100)
    return data


async def pause():
    await asyncio.sleep(1)


class Client:
    async def request(self, reader):
        payload = await fetch(reader)
        await pause()
        return payload
