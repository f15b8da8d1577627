"""Fingerprints find a re-used recording (re-encoded, trimmed, cropped, resized) and nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests import analysis_media
from tests.media_factory import _cached, _ffmpeg, _key
from workers.video import fingerprint_match
from workers.video.fingerprint import (
    FORMAT_VERSION,
    MIN_DUPLICATE_S,
    Collector,
    Fingerprint,
    fingerprint_file,
    frame_hash,
    index_keys,
    lookup_keys,
    overlap,
)
from workers.video.fingerprint_match import MATCH_DISTANCE
from workers.video.padding import Stretch

ROOT = Path(__file__).resolve().parents[3]
SMALL = "scale=384:216,setsar=1,fps=5"
H264 = ["-an", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]


def _video(name: str) -> Path:
    return analysis_media.SHARED / "videos" / name


def _clip(name: str, args: list[str]) -> Path:
    """ffmpeg ``args`` (inputs and encoding) into a cached mp4."""
    return _cached(
        f"fingerprint-{name}-{_key(name=name, args=args)}.mp4", lambda tmp: _ffmpeg([*args, "-f", "mp4", str(tmp)])
    )


@cache
def original() -> Path:
    """100 s of the shared fixed-camera video (people walking in), small, a keyframe every 2 s."""
    source = _video("one-by-one-person-detection.mp4")
    return _clip("original", ["-i", str(source), "-t", "100", "-vf", SMALL, *H264, "-crf", "23", "-g", "10"])


@cache
def trimmed_copy() -> Path:
    """Seconds 20–90 of the original, re-encoded harder, a keyframe only every 5 s."""
    return _clip("trimmed", ["-ss", "20", "-i", str(original()), "-t", "70", *H264, "-crf", "36", "-g", "25"])


@cache
def cropped_copy() -> Path:
    """The first 80 s of the original cropped by 5 % at the bottom right, shrunk to 256 px, as MPEG-4 Part 2."""
    graph = "crop=iw*0.95:ih*0.95:0:0,scale=256:-2"
    return _clip("cropped", ["-i", str(original()), "-t", "80", "-vf", graph, "-an", "-c:v", "mpeg4", "-q:v", "8"])


@cache
def unrelated() -> Path:
    """75 s of the Hamilton clip, looped."""
    source = _video("short_hamilton_clip.mp4")
    return _clip("unrelated", ["-stream_loop", "7", "-i", str(source), "-t", "75", "-vf", SMALL, *H264, "-g", "10"])


def _after_lead_in(name: str, lead: list[str], lead_s: int, content: Path) -> Path:
    """``lead_s`` seconds of ``lead`` (an ffmpeg input), then the first 40 s of ``content``."""
    graph = (
        f"[0:v]scale=384:216,setsar=1,fps=5,format=yuv420p[a];[1:v]{SMALL},format=yuv420p[b];[a][b]concat=n=2:v=1[v]"
    )
    args = [*lead, "-t", "40", "-i", str(content), "-filter_complex", graph, "-map", "[v]", *H264, "-g", "10"]
    return _clip(f"{name}-{lead_s}", args)


def black_then(content: Path) -> Path:
    return _after_lead_in("black", ["-f", "lavfi", "-i", "color=black:s=384x216:r=5:d=90"], 90, content)


def still_then(content: Path) -> Path:
    source = analysis_media.photo("multi/obama_and_biden.jpg")
    small = _cached(  # decoding the 2000-px photo 350 times took most of a minute
        "fingerprint-still.png",
        lambda tmp: cv2.imwrite(
            str(tmp), cv2.resize(cv2.imread(str(source)), (384, 216), interpolation=cv2.INTER_AREA)
        ),
    )
    return _after_lead_in("still", ["-loop", "1", "-framerate", "5", "-t", "70", "-i", str(small)], 70, content)


@cache
def fp(path: Path) -> Fingerprint:
    return fingerprint_file(path)


def _photo_grey(rel: str) -> np.ndarray:
    grey = cv2.imread(str(analysis_media.photo(rel)), cv2.IMREAD_GRAYSCALE)
    return cv2.resize(grey, (640, 360), interpolation=cv2.INTER_AREA)


def _bits(a: int, b: int) -> int:
    return (a ^ b).bit_count()


# --- frame_hash ---------------------------------------------------------------------------------


def test_flat_pictures_have_no_hash():
    rng = np.random.default_rng(1)
    black = np.clip(rng.normal(16, 3, (360, 640)), 0, 255).astype(np.uint8)
    white = np.full((360, 640), 235, np.uint8)
    plain = np.clip(rng.normal(90, 4, (360, 640)), 0, 255).astype(np.uint8)
    title = white.copy()
    cv2.putText(title, "Lesson 3: Fractions", (60, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 3)

    assert [frame_hash(g) for g in (black, white, plain, title)] == [None] * 4
    value = frame_hash(_photo_grey("multi/obama_and_biden.jpg"))
    assert isinstance(value, int) and 0 <= value < 2**64


def test_the_hash_survives_resizing_cropping_letterboxing_and_compression():
    grey = _photo_grey("multi/obama_and_biden.jpg")
    h, w = grey.shape
    dy, dx = round(h * 0.05), round(w * 0.05)
    _, jpeg = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 20])
    copies = {
        "resized": cv2.resize(grey, (256, 144), interpolation=cv2.INTER_AREA),
        "5 % crop, centred": grey[dy // 2 : h - dy // 2, dx // 2 : w - dx // 2],
        "5 % crop, corner": grey[: h - dy, : w - dx],
        "letterboxed": cv2.copyMakeBorder(grey, 60, 60, 0, 0, cv2.BORDER_CONSTANT, value=16),
        "JPEG quality 20": cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE),
        "brighter": cv2.add(grey, 25),
    }
    original = frame_hash(grey)

    distances = {name: _bits(original, frame_hash(copy)) for name, copy in copies.items()}

    assert max(distances.values()) <= MATCH_DISTANCE, distances
    for other in ("negative/dogs.jpg", "multi/kit_with_rose.jpg", "biden/biden2.jpg"):
        assert _bits(original, frame_hash(_photo_grey(other))) > MATCH_DISTANCE + 4, other


# --- Fingerprint bytes ----------------------------------------------------------------------------


def test_bytes_round_trip_and_malformed_data_is_refused():
    print_ = Fingerprint(times=(0.0, 2.002, 4.5), hashes=(0, 2**64 - 1, 0x0123456789ABCDEF), duration_s=6.25)

    data = print_.to_bytes()

    assert data[0] == FORMAT_VERSION and len(data) == 9 + 12 * 3
    assert Fingerprint.from_bytes(data) == print_ and len(print_) == 3
    assert Fingerprint.from_bytes(Fingerprint((), (), 0.0).to_bytes()) == Fingerprint((), (), 0.0)
    backwards = Fingerprint(times=(4.0, 2.0), hashes=(1, 2), duration_s=6.0).to_bytes()
    for bad in (b"", data[:5], data[:-1], data + b"\0", bytes([FORMAT_VERSION + 1]) + data[1:], backwards):
        with pytest.raises(ValueError):
            Fingerprint.from_bytes(bad)


# --- overlap, on made-up fingerprints --------------------------------------------------------------


def _random_fp(rng: np.random.Generator, seconds: float, *, step: float = 2.0) -> Fingerprint:
    times = tuple(float(t) for t in np.arange(0, seconds, step))
    return Fingerprint(times, tuple(int(v) for v in rng.integers(0, 2**63, len(times))), seconds)


def _copy(rng, a: Fingerprint, start: float, stop: float, *, spoil_every: int = 4, flips: int = 3) -> Fingerprint:
    """a[start:stop] moved to start at 0 on times up to 0.6 s off, ``flips`` bits changed, every
    ``spoil_every``-th sample replaced by an unrelated picture."""
    times, hashes = [], []
    for n, (t, value) in enumerate((t, v) for t, v in zip(a.times, a.hashes) if start <= t < stop):
        for bit in rng.choice(64, flips, replace=False):
            value ^= 1 << int(bit)
        if spoil_every and n % spoil_every == spoil_every - 1:
            value = int(rng.integers(0, 2**63))
        times.append(max(0.0, round(t - start + rng.uniform(-0.6, 0.6), 3)))
        hashes.append(value)
    return Fingerprint(tuple(times), tuple(hashes), stop - start)


def test_overlap_finds_a_trimmed_noisy_copy_and_where_it_starts():
    rng = np.random.default_rng(3)
    a = _random_fp(rng, 300)
    b = _copy(rng, a, 100, 180)

    found = overlap(a, b)

    assert found.similar and found.seconds == pytest.approx(80, abs=3)
    assert found.a_start_s == pytest.approx(100, abs=2) and found.b_start_s == pytest.approx(0, abs=1)
    assert 0.6 * len(b) <= found.matched <= len(b)
    assert overlap(b, a).similar  # either way round


def test_unrelated_fingerprints_share_nothing():
    rng = np.random.default_rng(4)
    found = overlap(_random_fp(rng, 600), _random_fp(rng, 600))
    assert found.seconds == 0 and not found.similar and found.matched == 0
    assert overlap(Fingerprint((), (), 0.0), _random_fp(rng, 60)).seconds == 0


def test_a_still_picture_both_show_is_not_a_shared_sequence():
    rng = np.random.default_rng(5)
    still = int(rng.integers(0, 2**63))
    times = tuple(float(t) for t in range(0, 120, 2))
    a = Fingerprint(times, tuple(still ^ (1 << int(rng.integers(64))) for _ in times), 120.0)
    b = Fingerprint(times, tuple(still ^ (1 << int(rng.integers(64))) for _ in times), 120.0)

    assert overlap(a, b).seconds == 0 and not overlap(a, b).similar


def test_sparse_or_interrupted_matches_are_not_one_long_sequence():
    rng = np.random.default_rng(6)
    a = _random_fp(rng, 200)
    thin = Fingerprint(a.times, tuple(v if n % 3 == 0 else v ^ (2**63 - 1) for n, v in enumerate(a.hashes)), 200.0)
    broken = Fingerprint(
        a.times, tuple(v ^ (2**40 - 1) if 40 <= t < 60 else v for t, v in zip(a.times, a.hashes)), 200.0
    )

    assert not overlap(a, thin).similar  # a third of the samples match: not dense enough
    assert overlap(a, broken).seconds == pytest.approx(140, abs=2)  # 20 s without a match splits it


def test_collector_leaves_out_black_and_frozen_stretches_but_not_silent_ones():
    grey = _photo_grey("multi/obama_and_biden.jpg")
    collector = Collector()
    for t in range(0, 60, 2):
        collector.add(t, np.roll(grey, 8 * t, axis=1))
    collector.add(61.0, np.zeros_like(grey))  # flat: no hash at all
    padding = [Stretch("black", 10.0, 20.0), Stretch("frozen", 30.0, 40.0), Stretch("silent", 0.0, 60.0)]

    print_ = collector.finish(duration_s=62.0, padding=padding)

    assert print_.times == tuple(float(t) for t in range(0, 60, 2) if not (10 <= t < 20 or 30 <= t < 40))
    assert len(set(print_.hashes)) > 10 and print_.duration_s == 62.0


# --- index keys -------------------------------------------------------------------------------------


def test_index_keys_are_a_few_bigint_keys_per_minute_that_lookup_keys_cover():
    rng = np.random.default_rng(7)
    a = _random_fp(rng, 600)

    stored, looked_up = index_keys(a), lookup_keys(a)

    assert all(isinstance(k, int) and 0 <= k < 2**63 for k in stored + looked_up)
    assert len(stored) == len(set(stored)) and set(stored) <= set(looked_up)
    assert len(stored) == 3 * 60  # 3 bands of one sample every 10 s: 18 a minute
    assert len(looked_up) == 3 * len(a)
    # the same band value in another band is another key
    assert len(set(lookup_keys(Fingerprint((0.0,), (0,), 1.0)))) == len(fingerprint_match.BANDS)
    assert not set(stored) & set(lookup_keys(_random_fp(rng, 600)))


def test_a_copy_shares_several_index_keys_and_an_unrelated_recording_hardly_any():
    stored = set(index_keys(fp(original())))

    assert len(stored & set(lookup_keys(fp(trimmed_copy())))) >= 3
    assert len(stored & set(lookup_keys(fp(cropped_copy())))) >= 3
    assert len(stored & set(lookup_keys(fp(unrelated())))) <= 1


# --- real recordings --------------------------------------------------------------------------------


def test_a_re_encoded_trimmed_copy_is_found_with_the_shared_stretch():
    found = overlap(fp(original()), fp(trimmed_copy()))

    assert found.similar
    assert found.seconds == pytest.approx(70, abs=4)
    assert found.a_start_s == pytest.approx(20, abs=3) and found.b_start_s == pytest.approx(0, abs=2)
    assert overlap(fp(trimmed_copy()), fp(original())).similar


def test_a_cropped_resized_copy_is_found():
    found = overlap(fp(original()), fp(cropped_copy()))
    assert found.similar and found.seconds == pytest.approx(80, abs=4) and found.a_start_s < 3


def test_unrelated_recordings_are_not_similar():
    found = overlap(fp(original()), fp(unrelated()))
    assert not found.similar and found.seconds < 20


def test_recordings_sharing_only_black_padding_are_not_similar():
    mine, theirs = fp(black_then(original())), fp(black_then(unrelated()))

    assert mine.times[0] >= 89 and theirs.times[0] >= 89  # the black minute and a half left no samples
    assert not overlap(mine, theirs).similar and overlap(mine, theirs).seconds == 0
    # what they do have is real content, which would match a copy of it (40 s: not enough on its own)
    assert overlap(mine, fp(original())).seconds == pytest.approx(40, abs=3)


def test_recordings_sharing_only_a_still_picture_are_not_similar():
    mine, theirs = fp(still_then(original())), fp(still_then(unrelated()))

    # freezedetect's edges move with the encoder, but most of the 35 sampled pictures of the still are gone
    assert len([t for t in mine.times if t < 69]) <= 5 and len([t for t in theirs.times if t < 69]) <= 5
    assert not overlap(mine, theirs).similar and overlap(mine, theirs).seconds == 0
    assert MIN_DUPLICATE_S == 60.0


# --- the command line -------------------------------------------------------------------------------


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "workers.video.fingerprint", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_prints_one_json_object_starting_with_similar_and_overlap():
    done = _cli(original(), trimmed_copy(), "--json")
    assert done.returncode == 0, done.stderr

    data = json.loads(done.stdout)

    assert list(data)[:2] == ["similar", "overlap_s"]
    assert data["similar"] is True and data["overlap_s"] == pytest.approx(70, abs=4)


def test_cli_summary_is_chinese_then_english():
    done = _cli(original(), unrelated())
    assert done.returncode == 0, done.stderr
    zh, en = done.stdout.splitlines()
    assert zh.startswith("未发现重复使用") and en.startswith("Not re-used")


def test_cli_bad_input_is_a_bilingual_error_with_exit_code_2(tmp_path):
    not_video = tmp_path / "notes.mp4"
    not_video.write_text("这不是视频 / not a video\n")

    for args in ((original(), tmp_path / "missing.mp4", "--json"), (not_video, original(), "--json")):
        done = _cli(*args)
        assert done.returncode == 2 and done.stdout == ""
        assert "错误：" in done.stderr and "Error:" in done.stderr
    assert "notes.mp4" in done.stderr and "corrupt" in done.stderr
