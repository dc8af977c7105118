# snapshot: --unsafe-fixes --anyio-backend session
import pytest

from helpers import backend_scope


@pytest.fixture(scope=backend_scope)
def anyio_backend():
    return "asyncio"
