"""Fixtures every worker test gets."""

from __future__ import annotations

import pytest
from kombu.transport import filesystem
from kombu.transport.virtual import BrokerState


@pytest.fixture(autouse=True)
def fresh_filesystem_broker_bindings(monkeypatch):
    """kombu keeps the filesystem transport's exchange bindings in one process-wide table. A test
    that publishes into a broker folder of its own (a real worker's ``var/broker``) after another
    test declared the same exchanges in another folder would find them "declared", write no
    exchange file, and its message would be routed nowhere until the worker declared them: lost
    whenever the worker started after the publish. Production has one folder per process."""
    monkeypatch.setattr(filesystem.Transport, "global_state", BrokerState())
