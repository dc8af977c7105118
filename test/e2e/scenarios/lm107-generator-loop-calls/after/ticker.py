import asyncio


async def ticker():
    await asyncio.sleep(0.01)
    loop = asyncio.get_running_loop()
    return loop.time()


def main():
    return asyncio.run(ticker())


if __name__ == "__main__":
    print(main() > 0)
