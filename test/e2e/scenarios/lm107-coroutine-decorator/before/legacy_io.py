import asyncio


@asyncio.coroutine
def read_config(name):
    yield from asyncio.sleep(0)
    return {"name": name, "retries": 3}


@asyncio.coroutine
def main():
    config = yield from read_config("service")
    print(config["name"], config["retries"])


if __name__ == "__main__":
    asyncio.run(main())
