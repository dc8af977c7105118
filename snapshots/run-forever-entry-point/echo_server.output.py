# snapshot: --unsafe-fixes
"""TCP echo server in the style of the Python 3.6 asyncio docs."""
import asyncio


async def handle_echo(reader, writer):
    data = await reader.read(100)
    writer.write(data)
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle_echo, "127.0.0.1", 0)
    print("Serving on", server.sockets[0].getsockname()[0])
    await asyncio.sleep(0)
    await asyncio.Event().wait()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
