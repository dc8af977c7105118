import asyncio


@asyncio.coroutine
def ticker():
    yield from asyncio.sleep(0.01, loop=asyncio.get_event_loop())
    loop = asyncio.get_event_loop()
    return loop.time()


def main():
    return asyncio.get_event_loop().run_until_complete(ticker())


if __name__ == "__main__":
    print(main() > 0)
