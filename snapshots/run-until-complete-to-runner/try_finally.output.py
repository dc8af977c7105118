# snapshot: --unsafe-fixes --target-version py311
import asyncio


async def setup():
    print("setup")


async def serve():
    print("serve")


def main():
    with asyncio.Runner() as runner:
        runner.run(setup())
        runner.run(serve())


if __name__ == "__main__":
    main()
