# snapshot: --default-loop-scope session
import pytest_asyncio


@pytest_asyncio.fixture(scope="session")
async def db():
    # asyncio_default_fixture_loop_scope = session already gives it a session loop
    yield object()
