# snapshot: --unsafe-fixes
import asyncio
import signal


async def heartbeat():
    while True:
        print("beat")
        await asyncio.sleep(0.2)


def main():
    print("not the entry point; only a name clash")


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.add_signal_handler(signal.SIGTERM, print, "term")
    loop.create_task(heartbeat())
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        print("interrupted")
    finally:
        loop.close()
