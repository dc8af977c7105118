import asyncio

import pytest

from .conftest import TracingLoop

SEEN = set()


@pytest.mark.asyncio
async def test_runs_in_the_fixture_loop(loop):
    assert loop is asyncio.get_running_loop()
    SEEN.add(type(loop).__name__)
    await asyncio.sleep(0)
    if isinstance(loop, TracingLoop):
        assert loop.scheduled > 0


def test_sync_test_drives_the_loop(loop):
    assert loop.run_until_complete(asyncio.sleep(0, "done")) == "done"


def test_every_kind_ran():
    assert SEEN == {"TracingLoop", "_UnixSelectorEventLoop"}
