# snapshot: --unsafe-fixes --conftest
import asyncio
from collections.abc import Callable

import pytest
import uvloop


def _new_event_loop(loop_kind: str) -> asyncio.AbstractEventLoop:
    if loop_kind == "uvloop":
        loop = uvloop.new_event_loop()
    else:
        loop = asyncio.new_event_loop()
    return loop


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> dict[str, Callable[[], asyncio.AbstractEventLoop]]:
    return {
        "asyncio": lambda: _new_event_loop("asyncio"),
        "uvloop": lambda: _new_event_loop("uvloop"),
    }
