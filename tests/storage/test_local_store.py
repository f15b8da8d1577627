"""LocalStore-only behaviour: key safety, atomic files, the on-disk multipart layout."""

from __future__ import annotations

import errno
import io
import os
import uuid
from pathlib import Path

import pytest

from storage.errors import InvalidPart, ObjectNotFound
from storage.local import LocalStore


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    "key",
    ["", "/etc/passwd", "../outside", "originals/../../outside", "originals//x", "originals/", ".multipart/x", "a/./b"],
)
def test_unsafe_keys_are_rejected(local_store: LocalStore, key: str, tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.write_bytes(b"x")
    with pytest.raises(ValueError):
        local_store.put_file(key, source)
    with pytest.raises(ValueError):
        local_store.stat(key)
    with pytest.raises(ValueError):
        local_store.create_multipart(key, "video/mp4")
    assert not (tmp_path / "outside").exists()


def test_short_part_leaves_no_part_and_no_temp_file(local_store: LocalStore) -> None:
    key = "originals/rec1"
    upload_id = local_store.create_multipart(key, "video/mp4")
    good = local_store.upload_part(key, upload_id, 1, io.BytesIO(b"a" * 10), 10)
    before = files_under(local_store.root)

    with pytest.raises(InvalidPart):
        local_store.upload_part(key, upload_id, 2, io.BytesIO(b"b" * 5), 10)
    with pytest.raises(InvalidPart):
        local_store.upload_part(key, upload_id, 1, io.BytesIO(b"c" * 5), 10)  # failed retry

    assert files_under(local_store.root) == before
    assert local_store.list_parts(key, upload_id) == [good]  # the earlier copy survives


def test_part_etag_is_md5_and_survives_a_lost_sidecar(local_store: LocalStore) -> None:
    key = "originals/rec2"
    upload_id = local_store.create_multipart(key, "video/mp4")
    info = local_store.upload_part(key, upload_id, 1, io.BytesIO(b"hello"), 5)
    assert info.etag == "5d41402abc4b2a76b9719d911017c592"  # md5(b"hello")

    # As after a crash between the part's and the sidecar's rename.
    sidecar = local_store.root / ".multipart" / upload_id / "part-00001.json"
    sidecar.unlink()
    assert local_store.list_parts(key, upload_id) == [info]


def test_complete_publishes_atomically_and_cleans_up(local_store: LocalStore) -> None:
    key = "originals/rec3"
    upload_id = local_store.create_multipart(key, "video/mp4")
    parts = [local_store.upload_part(key, upload_id, n, io.BytesIO(bytes([n]) * 1000), 1000) for n in (1, 2)]

    info = local_store.complete_multipart(key, upload_id, parts)

    assert (local_store.root / "originals" / "rec3").read_bytes() == b"\x01" * 1000 + b"\x02" * 1000
    assert info == local_store.stat(key)
    assert files_under(local_store.root) == {"originals/rec3"}  # no temp files, no upload dir


def test_parts_out_of_order_in_complete_are_rejected(local_store: LocalStore) -> None:
    key = "originals/rec4"
    upload_id = local_store.create_multipart(key, "video/mp4")
    parts = [local_store.upload_part(key, upload_id, n, io.BytesIO(b"p"), 1) for n in (1, 2)]
    with pytest.raises(InvalidPart):
        local_store.complete_multipart(key, upload_id, parts[::-1])
    with pytest.raises(ObjectNotFound):
        local_store.stat(key)


def test_upload_ids_are_bound_to_their_key(local_store: LocalStore) -> None:
    upload_id = local_store.create_multipart("originals/mine", "video/mp4")
    local_store.abort_multipart("originals/other", upload_id)  # not its key: ignored
    assert local_store.list_multipart_uploads() == [("originals/mine", upload_id)]


def test_local_path_is_the_stored_file(local_store: LocalStore, tmp_path: Path) -> None:
    source = tmp_path / "in.bin"
    source.write_bytes(os.urandom(1000))
    local_store.put_file("derived/r/out.bin", source)
    with local_store.local_path("derived/r/out.bin", tmp_path / "scratch") as path:
        assert path == local_store.root / "derived" / "r" / "out.bin"
        assert path.read_bytes() == source.read_bytes()
    assert not (tmp_path / "scratch").exists()  # nothing was copied


def test_app_serves_parts_and_downloads(local_store: LocalStore) -> None:
    upload_id = local_store.create_multipart("originals/rec5", "video/mp4")
    assert local_store.presign_part("originals/rec5", upload_id, 1, 60) is None
    url = local_store.presign_get("originals/rec5", 60)
    assert url.startswith("/api/media/originals/rec5?expires=") and "&signature=" in url
    assert len(upload_id) == 32 and uuid.UUID(hex=upload_id)


def test_complete_falls_back_when_copy_file_range_is_refused(
    local_store: LocalStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts on another file system (EXDEV) or old kernels still assemble, by plain copy."""

    def refuse(*args: object) -> int:
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    key = "originals/rec6"
    upload_id = local_store.create_multipart(key, "video/mp4")
    data = [os.urandom(3 * 1024 * 1024 + 5), os.urandom(17)]
    parts = [local_store.upload_part(key, upload_id, n, io.BytesIO(d), len(d)) for n, d in enumerate(data, 1)]

    local_store.complete_multipart(key, upload_id, parts)

    assert b"".join(local_store.iter_chunks(key)) == b"".join(data)
