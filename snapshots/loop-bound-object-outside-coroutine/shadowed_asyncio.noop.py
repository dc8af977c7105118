# `asyncio` here is a local object, not the module.
class asyncio:
    @staticmethod
    def Queue():
        return []

    @staticmethod
    def run(x):
        return x


queue = asyncio.Queue()


async def worker():
    return queue


asyncio.run(worker())
asyncio.run(worker())
