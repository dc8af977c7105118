import asyncio


class MarkedLoop(asyncio.SelectorEventLoop):
    """Stands for the loop a server chooses: a selector loop on Windows, uvloop, a debug loop."""

    marked = True


def install():
    loop = MarkedLoop()
    asyncio.set_event_loop(loop)
    return loop
