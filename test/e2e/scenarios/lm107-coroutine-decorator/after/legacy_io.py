import asyncio


async def read_config(name):
    await asyncio.sleep(0)
    return {"name": name, "retries": 3}


async def main():
    config = await read_config("service")
    print(config["name"], config["retries"])


if __name__ == "__main__":
    asyncio.run(main())
