"""Every object key, built here and nowhere else: the same thing always lives at the same place.

    originals/{recording_id}                              the uploaded recording, never changed
    derived/{recording_id}/analysis/{teacher_id}.jpg      a participant's evidence crop
    derived/{recording_id}/analysis/unknown/{n}.jpg       the best face of the n-th unknown person
    derived/{recording_id}/playback/{version}/{file}      one published set of playback outputs
    documents/{submission_id}/{document_id}               a document attached to a submission
    references/{teacher_id}/{reference_id}.{jpg|png}      a teacher's reference photo

A re-run overwrites its own keys (crops) or writes a new version beside the old one and
publishes it by pointing a row at it (playback), so readers never see a half-written set.
"""

from __future__ import annotations

PLAYBACK_PROFILE = "playback"


def original_key(recording_id: str) -> str:
    return f"originals/{recording_id}"


def derived_key(recording_id: str, *parts: str) -> str:
    if not parts:
        raise ValueError("a derived key needs at least one path part")
    return "/".join(("derived", recording_id, *parts))


def derived_root(recording_id: str) -> str:
    """The folder of everything made from a recording (ends with ``/``): deleted with it."""
    return f"derived/{recording_id}/"


def face_crops_root(recording_id: str) -> str:
    """The folder of every analysis run's face crops of a recording (ends with ``/``)."""
    return derived_key(recording_id, "analysis", "faces") + "/"


def face_crop_key(recording_id: str, run: str, n: int) -> str:
    """The best crop of person ``n`` of analysis run ``run``: a new run writes beside the shown one."""
    return f"{face_crops_root(recording_id)}{run}/{n}.jpg"


def face_crops_run(key: str) -> str:
    """The run a face crop belongs to (the folder under ``face_crops_root``)."""
    return key.rsplit("/", 2)[-2]


def playback_root(recording_id: str) -> str:
    """The folder holding every version of a recording's playback outputs (ends with ``/``)."""
    return derived_key(recording_id, PLAYBACK_PROFILE) + "/"


def playback_prefix(recording_id: str, version: str) -> str:
    return derived_key(recording_id, PLAYBACK_PROFILE, version)


def playback_version(key: str) -> str:
    """The version a key under :func:`playback_root` belongs to."""
    return key.split("/")[3]


def file_in(prefix: str, relative_path: str) -> str:
    """A file of a published output set, by its path inside the set."""
    return f"{prefix}/{relative_path}"


def document_key(submission_id: int, document_id: str) -> str:
    return f"documents/{submission_id}/{document_id}"


REFERENCES_ROOT = "references/"


def reference_photo_teacher(key: str) -> int | None:
    """The teacher a key under ``REFERENCES_ROOT`` belongs to (None for anything else)."""
    part = key[len(REFERENCES_ROOT) :].split("/", 1)[0] if key.startswith(REFERENCES_ROOT) else ""
    return int(part) if part.isdigit() else None


def reference_photo_key(teacher_id: int, reference_id: str, image_kind: str) -> str:
    """``image_kind`` is what the bytes were sniffed as: ``jpeg`` or ``png``."""
    extension = "jpg" if image_kind == "jpeg" else image_kind
    return f"{REFERENCES_ROOT}{teacher_id}/{reference_id}.{extension}"
