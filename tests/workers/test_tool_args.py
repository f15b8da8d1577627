"""Every ffmpeg and ffprobe command line in workers/ comes from workers.video.tool_args.

Three angles: the argument vectors the public builders make (binary first, the one allowlist pair,
``-i file:/abs``); the configured binaries really running every step of the pipeline (wrapper scripts,
with bare ``ffmpeg``/``ffprobe`` on PATH made to fail); and a scan of the source for anyone writing
an allowlist option, a binary name or a ``file:`` input by hand.
"""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from api.demo import seed
from config import get_settings
from domain.media_signature import DEMUXER_ALLOWLIST
from storage import build_store
from tests.harness import Harness, make_settings
from tests.workers.stage_helpers import uploaded_recording
from workers.video import output_check, padding, playback_plan, probe, sampling, source_scan, storyboard, tool_args
from workers.video.probe import MediaInfo

ROOT = Path(__file__).resolve().parents[2]
BUILDER = ROOT / "workers" / "video" / "tool_args.py"
FFMPEG, FFPROBE = "/opt/tools/ffmpeg-7", "/opt/tools/ffprobe-7"
HEVC = MediaInfo(
    duration_s=600.0, container="mp4", format_name="mov,mp4,m4a,3gp,3g2,mj2", video_codec="hevc",
    audio_codec="aac", width=1280, height=720, rotation=0, frame_rate=25.0, has_audio=True,
    bitrate=2_500_000, pixel_format="yuv420p",
)  # fmt: skip
H264 = MediaInfo(**{**HEVC.as_dict(), "video_codec": "h264"})


def _commands(upload: Path, ours: Path) -> dict[str, tuple[list[str], str, Path]]:
    """name → (argv, binary, input) for every kind of command the workers run; nothing is executed."""
    plan = sampling.SamplingPlan(320, 240, 12.0, (0.0, 10.0), (sampling.Gap(0.0, (2.0, 4.0)),))
    grid = storyboard.storyboard_grid(1280, 720, 600.0)
    copy, transcode = (playback_plan.plan_playback(info) for info in (H264, HEVC))
    assert (copy.mode, transcode.mode) == (playback_plan.COPY, playback_plan.TRANSCODE)
    master = ours.parent / "hls" / "master.m3u8"
    return {
        "probe": (probe.ffprobe_args(upload, ffprobe_binary=FFPROBE), FFPROBE, upload),
        "keyframe index": (sampling.keyframe_index_args(upload, ffprobe_binary=FFPROBE), FFPROBE, upload),
        "keyframe decode": (
            sampling.keyframe_command(upload, plan, video_taps=[padding.video_tap()], ffmpeg_binary=FFMPEG),
            FFMPEG,
            upload,
        ),
        "gap decode": (sampling.gap_command(upload, plan, plan.gaps[0], ffmpeg_binary=FFMPEG), FFMPEG, upload),
        "padding": (padding.padding_args(upload, has_audio=True, ffmpeg_binary=FFMPEG), FFMPEG, upload),
        "source scan": (source_scan.scan_args(upload, packets=True, ffprobe_binary=FFPROBE), FFPROBE, upload),
        "copy": (copy.ffmpeg_args(upload, ffmpeg_binary=FFMPEG), FFMPEG, upload),
        "transcode": (transcode.ffmpeg_args(upload, ffmpeg_binary=FFMPEG), FFMPEG, upload),
        "storyboard": (storyboard.storyboard_args(ours, grid, 600.0, ffmpeg_binary=FFMPEG), FFMPEG, ours),
        "poster": (storyboard.poster_args(ours, 600.0, ffmpeg_binary=FFMPEG), FFMPEG, ours),
        "mp4 check": (probe.ffprobe_args(ours, ffprobe_binary=FFPROBE), FFPROBE, ours),
        "hls check": (output_check.hls_probe_args(master, ffprobe_binary=FFPROBE), FFPROBE, master),
    }


def test_every_command_starts_with_the_configured_binary_and_the_one_allowlist_pair(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    upload, ours = Path("scratch/http:lesson.mp4|concat:x.mp4"), Path("out/video.mp4")  # relative on purpose

    for name, (args, binary, source) in _commands(upload, ours).items():
        assert args[0] == binary, name
        pair = tool_args.whitelists(tool_args.OWN_HLS_DEMUXERS if name == "hls check" else DEMUXER_ALLOWLIST)
        at = args.index("-protocol_whitelist")
        assert args[at : at + 4] == pair, name
        assert args.count("-protocol_whitelist") == args.count("-format_whitelist") == 1, name
        assert args.count("-i") == 1 and args.index("-i") > at, f"{name}: the allowlists come before the input"
        assert args[args.index("-i") + 1] == f"file:{tmp_path / source}", name


def test_the_allowlists_are_the_protocol_file_and_the_sniffed_containers():
    assert tool_args.whitelists() == ["-protocol_whitelist", "file", "-format_whitelist", "mov,matroska,flv,mpegts,avi"]
    assert tool_args.whitelists(tool_args.OWN_HLS_DEMUXERS)[3] == "hls,mpegts"


def test_without_a_binary_the_configured_one_is_used(tmp_path):
    settings = get_settings()
    clip = tmp_path / "a.mp4"

    assert probe.ffprobe_args(clip)[0] == settings.ffprobe_binary
    assert padding.padding_args(clip, has_audio=False)[0] == settings.ffmpeg_binary
    assert storyboard.poster_args(clip, 10.0)[0] == settings.ffmpeg_binary


# --- the configured binaries, end to end ---------------------------------------------------------


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


def test_the_configured_binaries_run_every_step_of_the_pipeline(tmp_path, database_url, short_clip, monkeypatch):
    """Probe, analysis and transcoding through the stages, with bare ffmpeg/ffprobe made to fail."""
    log, tools, trap = tmp_path / "calls.log", tmp_path / "tools", tmp_path / "trap"
    tools.mkdir()
    trap.mkdir()
    wrappers = {}
    for tool in ("ffmpeg", "ffprobe"):
        real = shutil.which(tool)
        assert real, f"{tool} is needed for this test"
        wrappers[tool] = _script(tools / f"kejian-{tool}", f'echo "{tool} $*" >> "{log}"\nexec "{real}" "$@"\n')
        _script(trap / tool, f'echo "UNCONFIGURED {tool} $*" >> "{log}"\nexit 1\n')
    settings = make_settings(tmp_path, database_url).model_copy(
        update={"ffmpeg_binary": str(wrappers["ffmpeg"]), "ffprobe_binary": str(wrappers["ffprobe"])}
    )
    harness = Harness(settings, build_store(settings))
    with harness.transaction() as session:
        seed(session)
    recording_id = uploaded_recording(harness, short_clip)
    monkeypatch.setenv("PATH", f"{trap}{os.pathsep}{os.environ['PATH']}")

    outcomes = [o.value for o in harness.drain()]

    calls = log.read_text().splitlines()
    assert [c for c in calls if c.startswith("UNCONFIGURED")] == [], "a step ran a bare ffmpeg/ffprobe"
    assert outcomes == ["done", "done", "done"]  # probe, then analysis and transcoding
    expected = {
        "probe": ("ffprobe", "-show_streams"),
        "keyframe index": ("ffprobe", "packet=pts_time"),
        "analysis decode": ("ffmpeg", "-skip_frame nokey -copyts"),
        "source scan": ("ffprobe", "stream=field_order"),
        "copy to MP4 and HLS": ("ffmpeg", "hls/%v/index.m3u8"),
        "storyboard": ("ffmpeg", "tile="),
        "poster": ("ffmpeg", "poster.jpg"),
        "hls check": ("ffprobe", "-format_whitelist hls,mpegts"),
    }
    missing = [name for name, (tool, mark) in expected.items() if not any(_ran(c, tool, mark) for c in calls)]
    assert missing == [], f"not run through the configured binary: {missing}"
    detail = harness.client.get(f"/api/recordings/{recording_id}", headers=harness.auth("teacher")).json()
    states = {s["stage"]: s["state"] for s in detail["stages"]}
    assert states == {"probe": "done", "analyze": "done", "transcode": "done"}


def _ran(call: str, tool: str, mark: str) -> bool:
    return call.startswith(f"{tool} ") and mark in call


# --- nobody else writes a command line by hand -----------------------------------------------------

_TOOLS = {"ffmpeg", "ffprobe"}
_ALLOWLIST_OPTIONS = {"-protocol_whitelist", "-format_whitelist"}


def _is_tool_name(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and Path(node.value).name in _TOOLS


def hand_written_commands(source: str) -> list[str]:
    """Where ``source`` writes an allowlist option, a binary name as argv[0] or default, or a file: input."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Constant) and node.value in _ALLOWLIST_OPTIONS:
            found.append(f"{line}: writes {node.value}")
        elif isinstance(node, (ast.List, ast.Tuple)) and node.elts and _is_tool_name(node.elts[0]):
            found.append(f"{line}: {node.elts[0].value!r} as argv[0]")
        elif isinstance(node, ast.Call) and node.args and _is_tool_name(node.args[0]):
            found.append(f"{line}: runs {node.args[0].value!r}")
        elif isinstance(node, ast.arguments):
            named = [*node.posonlyargs, *node.args][-len(node.defaults) :] if node.defaults else []
            pairs = [*zip(named, node.defaults), *zip(node.kwonlyargs, node.kw_defaults)]
            for arg, default in pairs:
                written = isinstance(default, ast.Constant) and isinstance(default.value, str)
                if written and any(tool in arg.arg for tool in _TOOLS):
                    found.append(f"{line}: parameter {arg.arg} defaults to {ast.unparse(default)}")
        elif isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant) and node.left.value == "file:":
            found.append(f"{line}: builds a file: input")
    return found


def test_no_module_but_the_builder_writes_a_command_line_by_hand():
    offences = {}
    for path in sorted((ROOT / "workers").rglob("*.py")):
        if path != BUILDER and (found := hand_written_commands(path.read_text(encoding="utf-8"))):
            offences[str(path.relative_to(ROOT))] = found
    assert offences == {}


@pytest.mark.parametrize(
    "snippet",
    [
        'SAFE = ["-protocol_whitelist", "file"]',
        'args = ["ffmpeg", "-i", src]',
        'subprocess.run(("/usr/bin/ffprobe", path))',
        'subprocess.Popen("ffmpeg")',
        'def probe(path, *, ffprobe_binary: str = "ffprobe"): ...',
        'def keyframes(path, ffprobe="ffprobe"): ...',
        'def decode(path, *, ffmpeg_binary="/usr/local/bin/avconv"): ...',
        'source = "file:" + str(Path(path).resolve())',
    ],
)
def test_the_scan_finds_each_hand_written_form(snippet):
    assert hand_written_commands(snippet) != []


def test_the_scan_leaves_messages_labels_and_output_names_alone():
    ok = [
        'what = "ffmpeg"',
        'def run_ffmpeg(args, *, what: str = "ffmpeg"): ...',
        "def probe(path, *, ffprobe_binary: str | None = None): ...",
        'raise ToolMissing(f"cannot run {args[0]!r}")',
        'out = f"file:{MP4_NAME}"',
    ]
    assert hand_written_commands("\n".join(ok)) == []
