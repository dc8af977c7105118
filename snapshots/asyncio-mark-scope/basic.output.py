import pytest
from pytest import mark

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]


@pytest.mark.asyncio(loop_scope="session")
async def test_session():
    pass


@mark.asyncio(loop_scope = "class")
class TestGroup:
    async def test_in_class(self):
        pass
