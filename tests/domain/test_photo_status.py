"""One word per teacher for every roster: which of their reference photos' states tells the most."""

from __future__ import annotations

import pytest

from domain.references import PhotoStatus, ReferenceState, photo_status


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], PhotoStatus.NONE),
        (["refused"], PhotoStatus.REFUSED),
        (["refused", "failed"], PhotoStatus.FAILED),  # retryable as it is, before "upload another"
        (["failed", "pending", "refused"], PhotoStatus.PENDING),  # may still become usable
        (["refused", "pending", "ok", "failed"], PhotoStatus.OK),  # one usable encoding is enough
        ([ReferenceState.OK], PhotoStatus.OK),
    ],
)
def test_photo_status(states, expected):
    assert photo_status(states) is expected
    assert photo_status(iter(states)) is expected  # any iterable, e.g. a generator over rows
