import asyncio


@asyncio.coroutine
def no_suspension():
    # `yield from ()` only made this a generator; `await ()` would raise TypeError, so it goes.
    yield from ()
    return 42


@asyncio.coroutine
def only_statement():
    yield from []


class Resolver:
    @asyncio.coroutine
    def getaddrinfo(self, *args):
        yield from []
        return [("inet", args)]
