"""The ObjectStore contract, run against both backends through ``any_store``.

Parts are 5 MiB because S3 (and moto) reject smaller non-final parts on completion;
three parts keep each test at ~11 MiB of random data.
"""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path

import pytest

from storage.base import ObjectStore, PartInfo
from storage.errors import InvalidPart, ObjectNotFound, UploadNotFound

MiB = 1024 * 1024
PART = 5 * MiB


def upload(store: ObjectStore, key: str, upload_id: str, number: int, data: bytes) -> PartInfo:
    return store.upload_part(key, upload_id, number, io.BytesIO(data), len(data))


@pytest.fixture
def payload() -> list[bytes]:
    """Two full parts and a short tail, all distinct random bytes."""
    return [os.urandom(PART), os.urandom(PART), os.urandom(MiB + 123)]


def test_multipart_round_trip_out_of_order_with_retried_part(any_store: ObjectStore, payload: list[bytes]) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    upload_id = any_store.create_multipart(key, "video/mp4")

    upload(any_store, key, upload_id, 3, payload[2])
    upload(any_store, key, upload_id, 2, os.urandom(PART))  # a first attempt, replaced below
    upload(any_store, key, upload_id, 1, payload[0])
    retried = upload(any_store, key, upload_id, 2, payload[1])
    assert retried.size == PART

    parts = any_store.list_parts(key, upload_id)
    assert [p.number for p in parts] == [1, 2, 3]
    assert [p.size for p in parts] == [len(d) for d in payload]
    assert parts[1].etag == retried.etag
    with pytest.raises(ObjectNotFound):
        any_store.stat(key)  # invisible until completed

    info = any_store.complete_multipart(key, upload_id, parts)
    whole = b"".join(payload)
    assert info.key == key
    assert info.size == len(whole)
    assert any_store.stat(key) == info
    # A range straddling the part-1/part-2 boundary, and one running off the end.
    assert any_store.read_range(key, PART - 10, 20) == whole[PART - 10 : PART + 10]
    assert any_store.read_range(key, len(whole) - 5, 100) == whole[-5:]
    chunks = list(any_store.iter_chunks(key, chunk_size=MiB))
    assert all(len(c) <= MiB for c in chunks)
    assert b"".join(chunks) == whole
    with pytest.raises(UploadNotFound):
        any_store.list_parts(key, upload_id)  # completing consumed the upload


def test_abort_drops_the_upload_and_is_idempotent(any_store: ObjectStore) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    upload_id = any_store.create_multipart(key, "video/mp4")
    upload(any_store, key, upload_id, 1, b"some bytes")

    any_store.abort_multipart(key, upload_id)

    with pytest.raises(UploadNotFound):
        any_store.list_parts(key, upload_id)
    any_store.abort_multipart(key, upload_id)  # second abort: no error
    with pytest.raises(ObjectNotFound):
        any_store.stat(key)


def test_list_parts_of_unknown_upload(any_store: ObjectStore) -> None:
    with pytest.raises(UploadNotFound):
        any_store.list_parts("originals/nope", uuid.uuid4().hex)


def test_complete_with_wrong_etag_or_missing_part(any_store: ObjectStore, payload: list[bytes]) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    upload_id = any_store.create_multipart(key, "video/mp4")
    first = upload(any_store, key, upload_id, 1, payload[0])
    last = upload(any_store, key, upload_id, 2, payload[2])

    wrong = PartInfo(number=1, size=first.size, etag="0" * 32)
    with pytest.raises(InvalidPart):
        any_store.complete_multipart(key, upload_id, [wrong, last])
    missing = PartInfo(number=3, size=1, etag=last.etag)
    with pytest.raises(InvalidPart):
        any_store.complete_multipart(key, upload_id, [first, missing])
    with pytest.raises(ObjectNotFound):
        any_store.stat(key)

    # A failed completion leaves the upload intact, so the client can fix and retry.
    assert [p.number for p in any_store.list_parts(key, upload_id)] == [1, 2]
    info = any_store.complete_multipart(key, upload_id, [first, last])
    assert info.size == len(payload[0]) + len(payload[2])


def test_short_part_body_raises_invalid_part(any_store: ObjectStore) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    upload_id = any_store.create_multipart(key, "video/mp4")
    with pytest.raises(InvalidPart):
        any_store.upload_part(key, upload_id, 1, io.BytesIO(b"only this"), 100)
    assert any_store.list_parts(key, upload_id) == []


def test_list_multipart_uploads_shows_only_open_uploads(any_store: ObjectStore) -> None:
    open_key, aborted_key, done_key = (f"originals/{uuid.uuid4().hex}" for _ in range(3))
    open_id = any_store.create_multipart(open_key, "video/mp4")
    aborted_id = any_store.create_multipart(aborted_key, "video/mp4")
    done_id = any_store.create_multipart(done_key, "video/mp4")
    any_store.abort_multipart(aborted_key, aborted_id)
    part = upload(any_store, done_key, done_id, 1, b"tiny single part")
    any_store.complete_multipart(done_key, done_id, [part])

    uploads = any_store.list_multipart_uploads()

    assert (open_key, open_id) in uploads
    assert (aborted_key, aborted_id) not in uploads
    assert (done_key, done_id) not in uploads


def test_put_file_stat_overwrite_delete(any_store: ObjectStore, tmp_path: Path) -> None:
    key = f"derived/{uuid.uuid4().hex}/thumb.jpg"
    source = tmp_path / "thumb.jpg"
    source.write_bytes(b"first version")
    info = any_store.put_file(key, source, "image/jpeg")
    assert info.size == len(b"first version")
    assert any_store.read_range(key, 0, 100) == b"first version"

    source.write_bytes(b"second, longer version")
    info = any_store.put_file(key, source, "image/jpeg")
    assert any_store.stat(key).size == info.size == len(b"second, longer version")
    assert any_store.read_range(key, 8, 6) == b"longer"

    any_store.delete(key)
    with pytest.raises(ObjectNotFound):
        any_store.stat(key)
    any_store.delete(key)  # deleting a missing key is fine


def test_missing_object_reads(any_store: ObjectStore, tmp_path: Path) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    with pytest.raises(ObjectNotFound):
        any_store.read_range(key, 0, 10)
    with pytest.raises(ObjectNotFound):
        any_store.iter_chunks(key)  # fails at the call, before iteration
    with pytest.raises(ObjectNotFound):
        with any_store.local_path(key, tmp_path / "scratch"):
            pass


def test_read_range_edges(any_store: ObjectStore, tmp_path: Path) -> None:
    key = f"derived/{uuid.uuid4().hex}/data.bin"
    source = tmp_path / "data.bin"
    source.write_bytes(b"0123456789")
    any_store.put_file(key, source)

    assert any_store.read_range(key, 0, 0) == b""
    assert any_store.read_range(key, 9, 5) == b"9"
    assert any_store.read_range(key, 10, 5) == b""  # exactly at the end
    assert any_store.read_range(key, 50, 5) == b""  # past the end


def test_local_path_yields_the_bytes(any_store: ObjectStore, tmp_path: Path) -> None:
    key = f"originals/{uuid.uuid4().hex}"
    data = os.urandom(3 * MiB + 7)
    source = tmp_path / "src.bin"
    source.write_bytes(data)
    any_store.put_file(key, source, "video/mp4")

    with any_store.local_path(key, tmp_path / "scratch") as path:
        assert path.read_bytes() == data
    # Whatever was handed out, the stored object is untouched afterwards.
    assert any_store.stat(key).size == len(data)


def test_put_and_read_small_objects(any_store):
    info = any_store.put_bytes("references/1/photo.jpg", b"\xff\xd8\xff photo", "image/jpeg")
    assert info.size == 9
    assert any_store.read_bytes("references/1/photo.jpg") == b"\xff\xd8\xff photo"


def test_list_and_delete_by_prefix(any_store):
    for key in ("derived/r1/playback/v1/a.ts", "derived/r1/playback/v1/hls/b.ts", "derived/r1/playback/v2/a.ts"):
        any_store.put_bytes(key, b"x")
    any_store.put_bytes("derived/r10/playback/v1/a.ts", b"x")
    assert any_store.list_keys("derived/r1/playback/v1/") == [
        "derived/r1/playback/v1/a.ts",
        "derived/r1/playback/v1/hls/b.ts",
    ]
    assert any_store.delete_prefix("derived/r1/playback/v1/") == 2
    assert any_store.list_keys("derived/r1/") == ["derived/r1/playback/v2/a.ts"]
    assert any_store.list_keys("derived/r10/") == ["derived/r10/playback/v1/a.ts"]
    assert any_store.list_keys("derived/none/") == []
