import anyio
import pytest


@pytest.fixture
def anyio_backend():
    return "asyncio"


class Client:
    async def open(self):
        self.send, self.receive = anyio.create_memory_object_stream(10)
        return self

    async def echo(self, value):
        await self.send.send(value)
        return await self.receive.receive()

    async def close(self):
        await self.send.aclose()
        await self.receive.aclose()


@pytest.fixture(scope="session")
async def client():
    c = await Client().open()
    yield c
    await c.close()
