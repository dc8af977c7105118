# snapshot: --unsafe-fixes
"""TCP echo server in the style of the Python 3.6 asyncio docs."""
import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    writer.write(data)
    await writer.drain()
    writer.close()


loop = asyncio.get_event_loop()
server = loop.run_until_complete(asyncio.start_server(handle_echo, "127.0.0.1", 0))
print("Serving on", server.sockets[0].getsockname()[0])
asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))
try:
    loop.run_forever()
except KeyboardInterrupt:
    pass
