# snapshot: --unsafe-fixes --target-version py314
# Look-alikes LM110 must leave alone.
import asyncio

import uvloop


class Config:
    def set_event_loop_policy(self, policy):
        self.policy = policy

    def install(self):
        pass


async def main():
    pass


Config().set_event_loop_policy(object())
Config().install()
TEXT = "asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())"  # uvloop.install()


def shadowed():
    uvloop = Config()
    uvloop.install()


if __name__ == "__main__":
    # Already modern.
    asyncio.run(main(), loop_factory=uvloop.new_event_loop)
    uvloop.run(main())
