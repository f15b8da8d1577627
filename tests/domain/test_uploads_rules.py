"""Upload rules: declared sizes, part layout, completeness and checksums."""

from __future__ import annotations

import pytest

from domain.uploads import PartPlan, check_declared_size, describe_ranges, missing_parts, normalise_sha256, plan_parts

MiB = 1024 * 1024
GiB = 1024 * MiB


@pytest.mark.parametrize(
    "size, code",
    [(0, "upload.empty"), (-1, "upload.empty"), (1, None), (8 * GiB, None), (8 * GiB + 1, "upload.too_large")],
)
def test_declared_size(size, code):
    reason = check_declared_size(size, max_bytes=8 * GiB)
    assert (reason.code if reason else None) == code


@pytest.mark.parametrize(
    "size, part_size, count",
    [
        (1, 8 * MiB, 1),
        (8 * MiB, 8 * MiB, 1),
        (8 * MiB + 1, 8 * MiB, 2),
        (8 * GiB, 8 * MiB, 1024),
        (200 * GiB, 21 * MiB, 9753),  # past 10,000 × 8 MiB the part size grows
    ],
)
def test_plan_parts(size, part_size, count):
    plan = plan_parts(size, min_part_bytes=8 * MiB, max_parts=10_000)
    assert (plan.part_size, plan.part_count) == (part_size, count)
    assert plan.part_count <= 10_000
    sizes = [plan.expected_size(n, size) for n in range(1, plan.part_count + 1)]
    assert sum(sizes) == size and all(0 < s <= plan.part_size for s in sizes)


def test_missing_parts_and_their_description():
    plan = PartPlan(part_size=5 * MiB, part_count=10)
    missing = missing_parts(plan, {2, 3, 4, 8})
    assert missing == [1, 5, 6, 7, 9, 10]
    assert describe_ranges(missing) == "1, 5-7, 9-10"
    assert describe_ranges([]) == ""


def test_sha256_normalisation():
    digest = "AB" * 32
    assert normalise_sha256(digest) == "ab" * 32
    assert normalise_sha256(None) is None and normalise_sha256("") is None
    with pytest.raises(ValueError):
        normalise_sha256("xyz")
