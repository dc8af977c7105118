import anyio
import pytest


@pytest.fixture(scope="session")
async def counter():
    lock = anyio.Lock()
    yield {"lock": lock, "n": 0}
