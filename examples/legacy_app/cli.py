"""Command-line entry point: `python -m legacy_app.cli some words here`."""
import asyncio
import sys

from legacy_app.fetcher import count_all


async def main(argv):
    counts = await count_all(argv or ["hello world", "one two three"])
    for text, n in sorted(counts.items()):
        print(f"{n:3d}  {text}")
    return 0


def run(argv=None):
    loop = asyncio.get_event_loop()
    try:
        status = loop.run_until_complete(main(argv if argv is not None else sys.argv[1:]))
    finally:
        loop.close()
    return status


if __name__ == "__main__":
    sys.exit(run())
