# snapshot: --asyncio-mode auto
from pytest import fixture, mark


@fixture(scope="session")
@mark.asyncio(scope="session")
async def server():
    return "up"


async def test_server(server):
    assert server == "up"
