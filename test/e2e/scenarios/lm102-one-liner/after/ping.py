import asyncio
import sys


async def ping(host):
    await asyncio.sleep(0)
    return f"{host}: ok"


async def ping_all(hosts):
    for line in await asyncio.gather(*map(ping, hosts)):
        print(line)


def main():
    hosts = sys.argv[1:]
    asyncio.run(ping_all(hosts))


if __name__ == "__main__":
    main()
