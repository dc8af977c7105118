import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop():
    """One loop for the whole run, so the shared connection below stays usable."""
    policy = asyncio.get_event_loop_policy()
    loop = policy.new_event_loop()
    yield loop
    loop.close()


class Store:
    """A line protocol client, the kind of object that belongs to the loop it was opened on."""

    async def open(self):
        self.data = {}
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)

    async def _serve(self, reader, writer):
        while line := await reader.readline():
            cmd, key, *value = line.decode().split()
            if cmd == "SET":
                self.data[key] = value[0]
                writer.write(b"OK\n")
            else:
                writer.write(self.data.get(key, "-").encode() + b"\n")
        writer.close()

    async def call(self, *words):
        self.writer.write(" ".join(words).encode() + b"\n")
        return (await self.reader.readline()).decode().strip()

    async def close(self):
        self.writer.close()
        await self.writer.wait_closed()
        self.server.close()
        await self.server.wait_closed()


@pytest.fixture(scope="session")
async def store():
    s = Store()
    await s.open()
    yield s
    await s.close()
