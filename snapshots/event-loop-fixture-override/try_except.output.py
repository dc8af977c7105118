# snapshot: --unsafe-fixes

import pytest_asyncio
from shop import make_app


@pytest_asyncio.fixture(scope="module")
async def app():
    return make_app()
