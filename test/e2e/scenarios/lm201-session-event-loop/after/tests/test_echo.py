import pytest


async def roundtrip(client, text):
    reader, writer = client
    writer.write(text.encode() + b"\n")
    await writer.drain()
    return (await reader.readline()).decode().strip()


@pytest.mark.asyncio
async def test_hello(client):
    assert await roundtrip(client, "hello") == "HELLO"


@pytest.mark.asyncio
async def test_world(client):
    assert await roundtrip(client, "world") == "WORLD"
