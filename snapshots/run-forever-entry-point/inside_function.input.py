# snapshot: --unsafe-fixes
import asyncio


def init_scheduler():
    asyncio.get_event_loop().run_forever()


if __name__ == "__main__":
    init_scheduler()
