"""Every way the app is started gives its processes two malloc arenas (``run_embedded.ALLOCATOR_ENV``):
with glibc's default, the API's request threads grew its RSS for as long as the load lasted."""

from __future__ import annotations

import sys

from scripts import run_embedded
from tests.deploy.test_compose import dockerfile_instructions
from tests.deploy.test_dockerfile_ui import _stages


def test_make_run_starts_its_children_with_two_arenas(tmp_path):
    env = run_embedded.embedded_env({"KEJIAN_SECRET_KEY": "k" * 40}, tmp_path)
    with open(tmp_path / "out", "wb") as out:
        child = run_embedded.start([sys.executable, "-c", "import os; print(os.environ['MALLOC_ARENA_MAX'])"], env, out)
        assert child.wait(timeout=30) == 0
    assert (tmp_path / "out").read_text().strip() == "2"


def test_an_explicit_setting_wins(tmp_path):
    env = run_embedded.embedded_env({"KEJIAN_SECRET_KEY": "k" * 40, "MALLOC_ARENA_MAX": "8"}, tmp_path)
    assert env["MALLOC_ARENA_MAX"] == "8"


def test_the_image_sets_two_arenas_for_every_process():
    assert dockerfile_instructions()  # the Dockerfile was read
    final = _stages()["final"]
    env = " ".join(rest for keyword, rest in final if keyword == "ENV")
    assert "MALLOC_ARENA_MAX=2" in env.split()
