"""Fixtures that need no loop_scope, in strict mode."""
import pytest
import pytest_asyncio


@pytest.fixture(scope="session")
def sync_resource():
    return 1


@pytest_asyncio.fixture
async def per_test():
    return 1


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def already():
    return 1


@pytest.fixture(scope="session")
async def anyio_client():
    # strict mode: pytest-asyncio does not run this one (AnyIO does)
    return 1
