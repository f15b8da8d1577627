"""The UI's own unit tests (review_ui/test, node's built-in runner) run with the Python suite,
so a message missing from one language fails `make test` like any other test."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from config.settings import PROJECT_ROOT
from tests.plugins.db import REQUIRE_SERVICES

UI = PROJECT_ROOT / "review_ui"


def test_the_ui_unit_tests_pass():
    node = shutil.which("node")
    if node is None:
        message = "node is not installed (make ui installs it)"
        if REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    result = subprocess.run([node, "--test", "test/"], cwd=UI, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
