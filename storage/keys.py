"""Deterministic object keys: the same recording always lives at the same place."""


def original_key(recording_id: str) -> str:
    return f"originals/{recording_id}"


def derived_key(recording_id: str, *parts: str) -> str:
    if not parts:
        raise ValueError("a derived key needs at least one path part")
    return "/".join(("derived", recording_id, *parts))
