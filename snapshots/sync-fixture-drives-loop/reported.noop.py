import asyncio

import pytest

from server import serve


@pytest.fixture
def closes_it():
    loop = asyncio.get_event_loop()
    yield loop.run_until_complete(serve())
    loop.close()


@pytest.fixture(scope="session")
def session_wide():
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(serve())


@pytest.fixture
def current_task_kept(event_loop):
    task = asyncio.current_task(event_loop)
    return event_loop.run_until_complete(serve(task))


@pytest.fixture
def nested_runner(event_loop):
    def run(coro):
        return event_loop.run_until_complete(coro)

    yield run
    event_loop.run_until_complete(serve())


@pytest.fixture
def generator_returns():
    loop = asyncio.get_event_loop()
    yield loop.run_until_complete(serve())
    return None if loop else 1


@pytest.fixture(scope=SCOPE)
def computed_scope(event_loop):
    return event_loop.run_until_complete(serve())


def not_a_fixture():
    loop = asyncio.get_event_loop()
    return loop.run_until_complete(serve())
