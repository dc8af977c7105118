# snapshot: --unsafe-fixes --loop-scope session
import pytest
import pytest_asyncio


@pytest_asyncio.fixture(loop_scope="session")
async def client():
    return object()


@pytest_asyncio.fixture(scope="session", autouse=True, loop_scope="session")
async def server():
    yield None


@pytest.mark.asyncio(loop_scope="session")
async def test_bare(client):
    assert client


class TestCalls:
    @pytest.mark.asyncio(loop_scope="session")
    async def test_called(self, client):
        assert client

    @pytest.mark.asyncio(loop_scope="function")
    async def test_explicit(self, client):
        assert client


async def test_not_an_asyncio_test_in_strict_mode():
    assert True
