"""scope= that is not the asyncio marker's."""
import pytest

from myplugin import mark


@pytest.fixture(scope="module")
def resource():
    return 1


@pytest.mark.parametrize("x", [1], scope="module")
def test_param(x, resource):
    assert x == resource


@mark.asyncio(scope="module")  # another plugin's marker namespace
async def test_other_namespace():
    pass


@pytest.mark.asyncio(loop_scope="module")
async def test_modern():
    pass


text = 'pytest.mark.asyncio(scope="module")'
