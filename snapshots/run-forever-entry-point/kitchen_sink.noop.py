# snapshot: --unsafe-fixes
# Look-alikes LM105 must leave alone.
import asyncio
import socketserver


class Server:
    def run_forever(self):
        pass


async def main():
    # Inside a coroutine the loop is already running; nothing to migrate here.
    await asyncio.Event().wait()


def serve(loop):
    # A loop passed in is the caller's business.
    loop.run_forever()


def tcp():
    with socketserver.TCPServer(("", 0), socketserver.BaseRequestHandler) as server:
        server.serve_forever()


Server().run_forever()
TEXT = "asyncio.get_event_loop().run_forever()"  # asyncio.get_event_loop().run_forever()


if __name__ == "__main__":
    asyncio.run(main())
