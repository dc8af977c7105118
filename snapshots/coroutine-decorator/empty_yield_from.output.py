async def no_suspension():
    # `yield from ()` only made this a generator; `await ()` would raise TypeError, so it goes.
    return 42


async def only_statement():
    pass


class Resolver:
    async def getaddrinfo(self, *args):
        return [("inet", args)]
