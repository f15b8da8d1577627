"""Frame sampling: keyframes only where they are dense enough, seek-filled gaps where they are not,
exact timestamps, upright pictures, and ffmpeg locked down like the probe."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.media_signature import DEMUXER_ALLOWLIST
from tests import analysis_media, media_factory
from workers.video import faces, sampling
from workers.video.probe import probe


def _sample(path: Path, **kwargs) -> tuple[sampling.SamplingPlan, list[sampling.Frame]]:
    plan = sampling.plan(path, probe(path), **kwargs)
    with sampling.FrameSampler(path, plan) as sampler:
        return plan, list(sampler)


def test_dense_keyframes_are_all_that_is_decoded():
    clip = media_factory.make_clip(12, fps=10)  # a keyframe every 2 s
    plan, frames = _sample(clip)

    assert plan.gaps == ()
    assert [f.t_s for f in frames] == pytest.approx([0, 2, 4, 6, 8, 10])
    assert [f.t_s for f in frames] == pytest.approx(list(plan.keyframes))
    assert all(f.keyframe for f in frames)
    assert frames[0].image.shape == (240, 320, 3) and frames[0].image.dtype.name == "uint8"


def test_sparse_keyframes_are_filled_by_seeking_without_decoding_everything():
    clip = analysis_media.sparse_keyframe_clip(25, gop_s=10)  # keyframes at 0, 10, 20; 250 frames in all
    plan, frames = _sample(clip)
    times = [f.t_s for f in frames]

    assert plan.keyframes == pytest.approx((0, 10, 20))
    assert times == sorted(times)
    assert max(b - a for a, b in zip([0.0, *times], [*times, plan.duration_s])) <= 2.0
    assert sum(f.keyframe for f in frames) == 3 and len(frames) == 3 + sum(len(g.targets) for g in plan.gaps)
    assert len(frames) <= 16  # one picture per ~1.8 s, nowhere near the 250 a full decode gives


def test_gap_fill_reproduces_the_source_frame_at_its_timestamp():
    # testsrc2 draws its own clock; a seek-decoded frame must be the frame its timestamp names.
    clip = analysis_media.sparse_keyframe_clip(25, gop_s=10)
    plan, frames = _sample(clip)
    filled = next(f for f in frames if not f.keyframe and f.t_s > 10)
    direct = _sample_one(clip, filled.t_s)
    assert abs(filled.image.astype(int) - direct.astype(int)).mean() < 3


def _sample_one(clip: Path, t_s: float):
    import subprocess

    import numpy as np

    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(clip), "-vf", f"select='gte(t,{t_s - 0.01})'", "-frames:v", "1",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, np.uint8).reshape(240, 320, 3)


def test_plan_gaps():
    assert sampling.plan_gaps([0, 2, 4], 6) == []
    (gap,) = sampling.plan_gaps([0, 10], 12)
    assert gap.seek_s == 0 and len(gap.targets) == 5
    assert max(b - a for a, b in zip([0, *gap.targets], [*gap.targets, 10])) < 2.0
    # 29.97 fps phones: a keyframe every 60 frames is 2.002 s apart, not worth a seek per gap
    assert sampling.plan_gaps([i * 2.002 for i in range(10)], 20.02) == []
    # the end counts too: a last keyframe 5 s before the end needs filling from there
    (tail,) = sampling.plan_gaps([0, 2, 4], 9)
    assert tail.seek_s == 4 and tail.targets[-1] >= 7
    # no keyframe in the index at all: everything is one gap from the start
    assert sampling.plan_gaps([], 5)[0].seek_s == 0


def test_container_start_time_is_subtracted():
    clip = media_factory.make_clip(8, fps=10, container="ts")  # MPEG-TS starts at 1.4 s
    plan, frames = _sample(clip)
    assert plan.start_s > 1
    assert 0 <= frames[0].t_s < 0.5
    assert [f.t_s for f in frames if f.keyframe] == pytest.approx(list(plan.keyframes), abs=0.01)


def test_phone_rotation_is_applied_so_faces_are_upright(models):
    clip = analysis_media.sideways_face_clip()
    info = probe(clip)
    assert (info.width, info.height, info.rotation) == (640, 360, 270)

    _, frames = _sample(clip)

    assert frames[0].image.shape == (640, 360, 3)  # portrait, as displayed
    assert len(faces.detect(models, frames[0].image)) == 1
    import numpy as np

    assert faces.detect(models, np.rot90(frames[0].image, k=1)) == []  # as stored: lying on its side


def test_large_videos_are_shrunk_to_the_working_size():
    info = probe(media_factory.make_clip(2, width=1920, height=1080, fps=5, audio=False))
    assert sampling.output_size(info) == (1280, 720)
    assert sampling.output_size(info, max_side=640) == (640, 360)


def test_every_ffmpeg_is_locked_down_like_the_probe(tmp_path):
    clip = analysis_media.sparse_keyframe_clip(25, gop_s=10)
    plan = sampling.plan(clip, probe(clip))
    commands = [sampling.keyframe_command(clip, plan)] + [sampling.gap_command(clip, plan, g) for g in plan.gaps]
    for args in commands:
        assert args[args.index("-protocol_whitelist") + 1] == "file"
        assert args[args.index("-format_whitelist") + 1] == ",".join(DEMUXER_ALLOWLIST)
        assert args[args.index("-i") + 1] == f"file:{clip.resolve()}"
        assert "-nostdin" in args


def test_the_keyframe_pass_decodes_on_one_thread_and_still_delivers_every_keyframe():
    clip = analysis_media.sparse_keyframe_clip(25, gop_s=10)
    plan = sampling.plan(clip, probe(clip))
    args = sampling.keyframe_command(clip, plan)
    assert args[args.index("-threads") + 1] == "1" and args.index("-threads") < args.index("-i")  # the decoder's

    with sampling.FrameSampler(clip, plan) as sampler:
        keyframes = [frame.t_s for frame in sampler if frame.keyframe]
    assert keyframes == pytest.approx(list(plan.keyframes), abs=0.05)


def test_a_playlist_is_refused_not_followed(media_dir):
    from workers.video.errors import CorruptMedia

    playlist = media_factory.make_hls_playlist(media_dir)
    with pytest.raises(CorruptMedia):
        sampling.keyframe_times(playlist)


def _spaced(times: list[float], max_gap_s: float = 2.0) -> list[float]:
    spacing = sampling.Spacing(max_gap_s)
    kept = [t for t_s in times for t in spacing.offer(t_s, t_s)]
    return kept + spacing.flush()


@pytest.mark.parametrize(
    ("every_s", "expected"),
    [(1.0, [0, 2, 4, 6, 8, 9]), (0.5, [0, 2, 4, 6, 8, 9.5]), (2.0, [0, 2, 4, 6, 8])],
    ids=["1s", "0.5s", "2s"],
)
def test_dense_keyframes_are_searched_one_every_two_seconds_and_the_last_one(every_s, expected):
    times = [i * every_s for i in range(int(10 / every_s)) if i * every_s <= 9.5]
    assert _spaced(times) == pytest.approx(expected)


def test_keyframes_a_hair_over_two_seconds_apart_are_all_searched():
    times = [i * 2.002 for i in range(6)]  # 29.97 fps, a keyframe every 60 frames
    assert _spaced(times) == pytest.approx(times)


def test_where_frames_are_uneven_the_latest_within_two_seconds_is_searched():
    times = [0, 0.4, 1.9, 2.3, 4.5, 4.6, 7.9, 8.0, 8.1, 10.0, 10.05]
    # 0.4, 8.0 and 10.0 are covered by neighbours; 2.3 → 4.5 is as close as these frames allow
    assert _spaced(times) == pytest.approx([0, 1.9, 2.3, 4.5, 4.6, 7.9, 8.1, 10.05])
    assert _spaced([]) == [] and _spaced([3.0]) == [3.0]
