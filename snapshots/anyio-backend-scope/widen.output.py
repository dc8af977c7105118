# snapshot: --unsafe-fixes --anyio-backend session
import pytest


@pytest.fixture(params=["asyncio", "trio"], scope="session")
def anyio_backend(request):
    return request.param


@pytest.fixture(scope="session")
async def client():
    yield object()
