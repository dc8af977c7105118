# snapshot: --unsafe-fixes
import asyncio
import signal


async def heartbeat():
    while True:
        print("beat")
        await asyncio.sleep(0.2)


def main():
    print("not the entry point; only a name clash")


async def async_main():
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, print, "term")
    loop.create_task(heartbeat())
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(async_main())
    except KeyboardInterrupt:
        print("interrupted")
