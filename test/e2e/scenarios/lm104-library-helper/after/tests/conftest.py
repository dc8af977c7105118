import pytest

from minidb.testing import finalizer, initializer


@pytest.fixture(scope="session", autouse=True)
def database():
    loop = initializer()
    yield
    finalizer(loop)
    loop.close()
