"""An entry point that picks its event loop through the policy system: `python -m legacy_app.loop_choice`."""
import asyncio
import sys


async def main():
    print("running on", type(asyncio.get_running_loop()).__name__)


if sys.platform == "win32":
    # Some libraries need the selector loop on Windows.
    asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())

if __name__ == "__main__":
    asyncio.run(main())
