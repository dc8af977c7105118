# snapshot: --unsafe-fixes --target-version py312
import asyncio


class TracingPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        loop = super().new_event_loop()
        loop.set_debug(True)
        return loop


async def main():
    print("debug:", asyncio.get_running_loop().get_debug())


asyncio.run(main(), loop_factory=TracingPolicy().new_event_loop)
