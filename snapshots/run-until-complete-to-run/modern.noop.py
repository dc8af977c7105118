# Already modern, or loops doing more than one run: nothing for LM102.
import asyncio


async def main():
    pass


async def other():
    pass


def several_runs():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
        loop.run_until_complete(other())
    finally:
        loop.close()


def loop_used_elsewhere():
    loop = asyncio.new_event_loop()
    loop.call_soon(print, "hi")
    loop.run_until_complete(main())
    loop.close()


def loop_passed_in(loop):
    return loop.run_until_complete(main())


class Runner:
    def __init__(self):
        self.loop = asyncio.new_event_loop()

    def get_event_loop(self):
        return self.loop

    def run(self):
        return self.get_event_loop().run_until_complete(main())


async def inside_coroutine():
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(main())


if __name__ == "__main__":
    asyncio.run(main())
