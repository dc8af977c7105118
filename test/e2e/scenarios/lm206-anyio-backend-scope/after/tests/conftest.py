import anyio
import pytest


class Feed:
    """Stands in for a client that is expensive to open: one per test session."""

    def __init__(self):
        self.send, self.receive = anyio.create_memory_object_stream(10)

    async def publish(self, item):
        await self.send.send(item)

    async def next(self):
        return await self.receive.receive()


@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
async def feed():
    f = Feed()
    yield f
    await f.send.aclose()
    await f.receive.aclose()
