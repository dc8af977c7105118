# snapshot: --unsafe-fixes --shared-loop-fixture
"""Fixtures shared by the test modules."""
import pytest

from shop import Shop


@pytest.fixture
def shop():
    return Shop()
