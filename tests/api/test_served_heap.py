"""The served app (``api.main:app``, what uvicorn imports) takes start-up's objects out of the garbage
collector's full passes (``api.main.settle_heap``): on the generated province those passes took about
75 ms each, every few 200-row pages, and were the slowest requests under load."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json
import api.main as served
from fastapi.testclient import TestClient
served.app
frozen, tracked = gc.get_freeze_count(), len(gc.get_objects())
ok = TestClient(served.app).get("/healthz").status_code
print(json.dumps({"frozen": frozen, "tracked": tracked, "health": ok}))
"""


def test_the_served_app_freezes_what_start_up_built_and_still_answers(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEJIAN_")}
    env.update(KEJIAN_VAR_DIR=str(tmp_path / "var"), KEJIAN_DATABASE_URL=f"sqlite:///{tmp_path / 'k.db'}")
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["health"] == 200
    assert found["frozen"] > 50_000, "start-up's objects are out of the collector's passes"
    assert found["tracked"] < found["frozen"] / 5, "what a full pass walks is a small part of the heap"


def test_an_app_built_by_the_factory_is_not_frozen(api):
    """Tests build an app each (``create_app``); freezing each would keep every test's cycles for the run."""
    assert api.client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() == 0
