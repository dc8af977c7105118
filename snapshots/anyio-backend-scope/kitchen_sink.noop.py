# snapshot: --unsafe-fixes --anyio-backend session
"""Already has a wide enough anyio_backend."""
import pytest


@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
async def client():
    yield object()
