"""The shape the code keeps, checked on its source: where SQL, states, statuses and keys may be written.

- Every query of ``api/``, ``workers/`` and ``pipeline/`` lives in a repository module
  (``repository.py``, ``*_repository.py``, and ``api/shared/visibility.py``: the SQL twins of
  ``domain.visibility``); endpoints and services hold none.
- No api package holds more than 15 modules.
- Only ``db/state.py`` assigns a row's state (``.state`` / ``.status``), along a domain table;
  a row is created in its table's initial state.
- No recording status or kind, upload, reference or job state is spelled as a string in
  ``api/`` or ``workers/``: the domain enums are the words.
- Object keys are built in ``storage/keys.py`` only.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import pytest

from db.base import Base
from db.models import Recording  # noqa: F401  (registers every model on Base)
from domain.recordings import RecordingKind, RecordingStatus
from domain.references import ReferenceState
from domain.stages import StageState
from domain.uploads import UploadState

ROOT = Path(__file__).resolve().parent.parent
CODE = ("api", "workers", "pipeline")
REPOSITORIES = {Path("api/shared/visibility.py")}
MAX_MODULES = 15


def _modules(*folders: str) -> Iterator[tuple[Path, ast.Module]]:
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT), ast.parse(path.read_text(), filename=str(path))


def _is_repository(path: Path) -> bool:
    return path.name == "repository.py" or path.name.endswith("_repository.py") or path in REPOSITORIES


# Building a statement, or running one, outside a repository.
_STATEMENTS = {"select", "update", "delete", "insert", "exists", "text", "func", "or_", "and_", "union"}
_RUNS = {"execute", "scalar", "scalars"}


def sql_outside_repositories() -> list[str]:
    found = []
    for path, tree in _modules(*CODE):
        if _is_repository(path):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "sqlalchemy":
                names = {alias.name for alias in node.names} & _STATEMENTS
                found += [f"{path}:{node.lineno} imports sqlalchemy.{name}" for name in sorted(names)]
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in _RUNS or (node.func.attr == "get" and _is_session(node.func.value)):
                    found.append(f"{path}:{node.lineno} .{node.func.attr}(")
    return found


def _is_session(owner: ast.expr) -> bool:
    name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    return name == "session"


def test_every_query_lives_in_a_repository():
    assert sql_outside_repositories() == []


def test_no_api_package_holds_more_than_fifteen_modules():
    packages = {path.parent for path in (ROOT / "api").rglob("*.py")}
    crowded = {str(p.relative_to(ROOT)): n for p in packages if (n := len(list(p.glob("*.py")))) > MAX_MODULES}
    assert crowded == {}


_STATE_COLUMNS = {"state", "status"}
_MODELS = {mapper.class_.__name__ for mapper in Base.registry.mappers}


def state_writes_outside_the_applier() -> list[str]:
    found = []
    for path, tree in _modules(*CODE, "db"):
        if path == Path("db/state.py") or path.parts[:2] == ("db", "migrations"):
            continue
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and element.attr in _STATE_COLUMNS:
                        found.append(f"{path}:{node.lineno} assigns .{element.attr}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
                found.append(f"{path}:{node.lineno} setattr")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _MODELS:
                for keyword in node.keywords:
                    if keyword.arg in _STATE_COLUMNS and not _is_initial(keyword.value):
                        found.append(f"{path}:{node.lineno} creates a {node.func.id} in a state other than initial")
    return found


def _is_initial(value: ast.expr) -> bool:
    """``MACHINE.initial.value``: the table's own first state."""
    return (
        isinstance(value, ast.Attribute)
        and value.attr == "value"
        and isinstance(value.value, ast.Attribute)
        and value.value.attr == "initial"
    )


def test_only_db_state_writes_a_state():
    assert state_writes_outside_the_applier() == []


# "ok" (a reference photo's state) is left out: it is also every check's and the health route's word.
_WORDS: dict[str, type[Enum]] = {
    member.value: enum
    for enum in (RecordingKind, RecordingStatus, UploadState, ReferenceState, StageState)
    for member in enum
    if member.value != "ok"
}


def _keys(tree: ast.Module) -> set[int]:
    """Ids of constants used as a key: in a dict display, a subscript, or ``.get``/``.pop`` of a mapping."""
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys |= {id(k) for k in node.keys if k is not None}
        elif isinstance(node, ast.Subscript):
            keys.add(id(node.slice))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"get", "pop"}:
            keys |= {id(a) for a in node.args[:1]}
    return keys


def status_words_outside_the_enums() -> list[str]:
    found = []
    for path, tree in _modules("api", "workers"):
        keys = _keys(tree)
        enum_bodies = {
            id(n)
            for c in ast.walk(tree)
            if isinstance(c, ast.ClassDef) and any(getattr(b, "attr", getattr(b, "id", "")) == "Enum" for b in c.bases)
            for n in ast.walk(c)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in _WORDS and id(node) not in keys | enum_bodies:
                found.append(f"{path}:{node.lineno} {node.value!r} (use {_WORDS[node.value].__name__})")
    return found


def test_statuses_and_kinds_are_domain_enums_not_strings():
    assert status_words_outside_the_enums() == []


_KEY_PREFIXES = ("originals/", "derived/", "documents/", "references/")


def object_keys_outside_storage_keys() -> list[str]:
    found = []
    for path, tree in _modules("api", "workers", "pipeline", "storage"):
        if path == Path("storage/keys.py"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(_KEY_PREFIXES):
                found.append(f"{path}:{node.lineno} {node.value!r}")
    return found


def test_object_keys_are_built_in_storage_keys_only():
    assert object_keys_outside_storage_keys() == []


@pytest.mark.parametrize(
    "scan, source",
    [
        (sql_outside_repositories, "from sqlalchemy import select\nrows = session.scalars(q)\n"),
        (state_writes_outside_the_applier, "row.state = 'done'\n"),
        (state_writes_outside_the_applier, "UploadSession(state='open')\n"),
        (status_words_outside_the_enums, "if status == 'ready':\n    pass\n"),
        (object_keys_outside_storage_keys, "key = f'documents/{x}'\n"),
    ],
)
def test_each_scan_catches_what_it_forbids(tmp_path, monkeypatch, scan, source):
    """A scan that finds nothing in the tree must still find the thing it looks for."""
    for folder in ("api", "workers", "pipeline", "db", "storage"):
        (tmp_path / folder).mkdir()
    (tmp_path / "api" / "bad.py").write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert len(scan()) >= 1
