"""A background job runner that owns its event loop."""
import asyncio as aio
import logging

log = logging.getLogger(__name__)


async def process(jobs):
    done = []
    for job in jobs:
        await aio.sleep(0)
        done.append(job.upper())
    return done


def serve(jobs):
    loop = aio.new_event_loop()
    aio.set_event_loop(loop)
    try:
        result = loop.run_until_complete(process(jobs))
    except KeyboardInterrupt:
        log.warning("interrupted")
        result = []
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
    return result


if __name__ == "__main__":
    print(serve(["a", "b", "c"]))
