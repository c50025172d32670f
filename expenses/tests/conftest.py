"""Fixtures of the expenses tests."""

import pytest
import time_machine

NOW = "2026-11-22 12:00:00+00:00"  # a Sunday


@pytest.fixture
def frozen():
    """Freeze time at NOW; list it before client fixtures so tokens are issued then."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
