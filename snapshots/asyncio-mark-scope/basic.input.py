import pytest
from pytest import mark

pytestmark = [pytest.mark.asyncio(scope="module"), pytest.mark.slow]


@pytest.mark.asyncio(scope="session")
async def test_session():
    pass


@mark.asyncio(scope = "class")
class TestGroup:
    async def test_in_class(self):
        pass
