import pytest

pytestmark = pytest.mark.anyio


async def test_echo(client):
    assert await client.echo(1) == 1


async def test_echo_again(client):
    assert await client.echo("x") == "x"
