# snapshot: --unsafe-fixes --anyio-backend module
from pytest import fixture


@fixture(scope="module")
async def client():
    yield object()


@fixture(scope="module")
def anyio_backend():
    return "asyncio"
