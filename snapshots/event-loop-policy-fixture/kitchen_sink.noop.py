import asyncio

import pytest


def event_loop_policy():
    # a helper, not a fixture override
    return asyncio.get_event_loop_policy()


@pytest.fixture
def policy_name():
    return "event_loop_policy"
