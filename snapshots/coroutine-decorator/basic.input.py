import asyncio


@asyncio.coroutine
def fetch(reader):
    data = yield from reader.read(100)
    return data


@asyncio.coroutine
def pause():
    yield from asyncio.sleep(1)


class Client:
    @asyncio.coroutine
    def request(self, reader):
        payload = yield from fetch(reader)
        yield from pause()
        return payload
