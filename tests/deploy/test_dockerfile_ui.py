"""The image carries the web UI: a build stage bundles review_ui with apt's nodejs/npm and the
locked npm packages, and the final stage puts dist/ where Settings.ui_dist_dir looks for it."""

from __future__ import annotations

import re

from config.settings import PROJECT_ROOT, Settings
from tests.deploy.test_compose import dockerfile_instructions


def _stages() -> dict[str, list[tuple[str, str]]]:
    stages: dict[str, list[tuple[str, str]]] = {}
    current = None
    for keyword, rest in dockerfile_instructions():
        if keyword == "FROM":
            parts = rest.split()
            current = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else "final"
            stages[current] = []
        elif current is not None:
            stages[current].append((keyword, rest))
    return stages


def test_a_build_stage_bundles_the_ui_from_the_lock_file():
    ui = _stages()["ui"]
    runs = [rest for keyword, rest in ui if keyword == "RUN"]
    assert any(re.search(r"apt-get\b.*\binstall\b.*\bnodejs\b.*\bnpm\b", run) for run in runs)
    assert any(re.search(r"\bnpm ci\b", run) for run in runs), "npm install would ignore the lock file"
    assert any("node build.mjs" in run for run in runs)
    copied = " ".join(rest for keyword, rest in ui if keyword == "COPY")
    assert "review_ui/package-lock.json" in copied and "review_ui/src" in copied


def test_the_final_image_serves_the_bundle_where_settings_look():
    final = _stages()["final"]
    copies = [rest.split() for keyword, rest in final if keyword == "COPY" and rest.startswith("--from=ui")]
    assert len(copies) == 1
    _, source, target = copies[0]
    assert source == "/ui/dist"
    workdir = next(rest for keyword, rest in final if keyword == "WORKDIR")
    default = Settings.model_fields["ui_dist_dir"].default.relative_to(PROJECT_ROOT)
    assert (workdir.rstrip("/") + "/" + target.removeprefix("./")) == f"/app/{default.as_posix()}"


def test_the_build_stage_copies_every_file_build_mjs_imports():
    copied = " ".join(rest for keyword, rest in _stages()["ui"] if keyword == "COPY")
    script = (PROJECT_ROOT / "review_ui" / "build.mjs").read_text(encoding="utf-8")
    local = re.findall(r"from '\./([\w./-]+)'", script)
    assert local, "build.mjs imports its publishing step"
    assert [name for name in local if f"review_ui/{name}" not in copied] == []
