"""Client-side helpers for the upload API, written the way a real client would behave."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx

from tests.harness import Harness


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def group_session_body(harness: Harness, path: Path, **overrides) -> dict:
    with harness.transaction() as session:
        from sqlalchemy import select

        from db.models import Teacher, User

        leader = session.scalar(select(User).where(User.username == "leader"))
        members = list(session.scalars(select(Teacher.id).where(Teacher.group_id == leader.group_id)))
    body = {
        "kind": "group_session",
        "filename": path.name,
        "size": path.stat().st_size,
        "content_type": "video/mp4",
        "participant_ids": members,
    }
    body.update(overrides)
    return body


def lesson_body(path: Path, **overrides) -> dict:
    body = {
        "kind": "lesson",
        "filename": path.name,
        "size": path.stat().st_size,
        "content_type": "video/mp4",
        "capability_code": "A1",
    }
    body.update(overrides)
    return body


def read_part(path: Path, part: dict, part_size: int) -> bytes:
    with open(path, "rb") as f:
        f.seek((part["number"] - 1) * part_size)
        return f.read(part["size"])


def send_part(harness: Harness, username: str, url: str, data: bytes) -> httpx.Response:
    """PUT a part where the server said: an app URL (with our token) or a presigned S3 URL."""
    if url.startswith("/"):
        return harness.client.put(url, content=data, headers=harness.auth(username))
    return httpx.put(url, content=data, timeout=30)  # straight to the S3 server, as a browser would


def upload_whole(harness: Harness, username: str, path: Path, body: dict) -> dict:
    """Create, send every part, complete; return the completion JSON."""
    created = harness.client.post("/api/uploads", json=body, headers=harness.auth(username))
    assert created.status_code == 201, created.text
    upload = created.json()
    for part in upload["parts"]:
        response = send_part(harness, username, part["url"], read_part(path, part, upload["part_size"]))
        assert response.status_code == 200, response.text
    done = harness.client.post(f"/api/uploads/{upload['upload_id']}/complete", headers=harness.auth(username))
    assert done.status_code == 200, done.text
    return done.json()
