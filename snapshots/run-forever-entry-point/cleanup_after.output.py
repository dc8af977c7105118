# snapshot: --unsafe-fixes
import asyncio


async def handle_echo(reader, writer):
    writer.close()


loop = asyncio.get_event_loop()
server = loop.run_until_complete(asyncio.start_server(handle_echo, "127.0.0.1", 0))
try:
    loop.run_forever()
except KeyboardInterrupt:
    pass

server.close()
loop.run_until_complete(server.wait_closed())
loop.close()
