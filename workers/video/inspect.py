"""Analyse one video from the command line, the way the analyze stage will (for support and tuning).

    python -m workers.video.inspect VIDEO [--reference NAME=PHOTO ...] [--json] [--ffmpeg BIN] [--ffprobe BIN]
                                    [--detector-model ONNX] [--min-face PX]

``--reference`` may repeat, also for the same NAME (several photos of one teacher). ``--ffmpeg`` and
``--ffprobe`` name the binaries
(``--detector-model`` a YuNet ONNX file, as ``KEJIAN_FACE_DETECTOR_MODEL``); without them the
configured ones are used (``KEJIAN_FFMPEG_BINARY``,
``KEJIAN_FFPROBE_BINARY``, else ``ffmpeg``/``ffprobe`` on PATH), as in the workers. With
``--json`` exactly one JSON object is printed (:meth:`AnalysisResult.as_dict`); otherwise a
summary in Chinese then English, judged by the same checks the group leader sees
(:func:`domain.evidence_checks.summarize`). Failures print a bilingual message on stderr and
exit non-zero: 2 for bad input (video, photo, arguments), 3 for a broken installation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from config import get_settings
from domain.duration import RecordingKind
from domain.evidence_checks import ParticipantEvidence, summarize
from workers.video import faces, references
from workers.video.analysis import AnalysisResult, analyze
from workers.video.cli_errors import BAD_INPUT, CliError, broken, refused
from workers.video.errors import MediaError, ModelsUnavailable, ToolMissing
from workers.video.face_detector import load_detector
from workers.video.identify import DEFAULT_TOLERANCE

GROUP_SESSION_MIN_S = 600.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m workers.video.inspect", description="分析教研活动视频 / Analyse a group-session video."
    )
    parser.add_argument("video", type=Path, help="视频文件 / the video file")
    parser.add_argument(
        "--reference",
        action="append",
        default=[],
        metavar="NAME=PHOTO",
        help="参与教师及其参考照片 / participant photo",
    )
    parser.add_argument("--json", action="store_true", help="输出一个 JSON 对象 / print one JSON object")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="人脸匹配阈值 / match distance")
    parser.add_argument("--min-duration", type=float, default=GROUP_SESSION_MIN_S, help="有效时长要求（秒）/ seconds")
    parser.add_argument(
        "--detector-model", metavar="ONNX", help="YuNet 模型文件 / YuNet ONNX file (default: configured)"
    )
    parser.add_argument(
        "--min-face", type=float, metavar="PX", help="最小人脸高度（像素）/ smallest face sought, source pixels"
    )
    parser.add_argument("--ffmpeg", metavar="BIN", help="ffmpeg 程序 / the ffmpeg binary (default: configured)")
    parser.add_argument("--ffprobe", metavar="BIN", help="ffprobe 程序 / the ffprobe binary (default: configured)")
    return parser


def _references(pairs: Sequence[str], models: faces.FaceModels) -> dict[str, list[np.ndarray]]:
    found: dict[str, list[np.ndarray]] = {}
    for pair in pairs:
        name, sep, photo = pair.partition("=")
        if not sep or not name or not photo:
            raise CliError(f"参考照片参数应为 NAME=PHOTO：{pair}", f"--reference must be NAME=PHOTO: {pair}")
        try:
            data = Path(photo).read_bytes()
        except OSError as exc:
            raise CliError(
                f"无法读取照片 {photo}：{exc.strerror}", f"cannot read photo {photo}: {exc.strerror}"
            ) from exc
        try:
            found.setdefault(name, []).append(references.enrol_photo(data, models=models))
        except MediaError as exc:
            raise CliError(
                f"{name} 的照片 {photo}：{exc.reason.zh}", f"{name}'s photo {photo}: {exc.reason.en}"
            ) from exc
    return found


def _summary(result: AnalysisResult, min_duration_s: float) -> str:
    people = [
        ParticipantEvidence(i, p.name, p.has_reference, p.seen, p.first_seen_s, p.seen_fraction)
        for i, p in enumerate(result.participants)
    ]
    checks = summarize(
        RecordingKind.GROUP_SESSION,
        duration_s=result.duration_s,
        effective_duration_s=result.effective_duration_s,
        participants=people,
        unknown_faces=result.unknown_faces,
        frames_with_faces=result.frames_with_faces,
        group_session_min_s=min_duration_s,
    )
    kinds = {"black": "黑屏 black", "frozen": "静止 frozen", "silent": "静音 silent"}
    lines = [
        f"时长 Duration: {result.duration_s:.1f} s    有效时长 Effective: {result.effective_duration_s:.1f} s",
        "填充 Padding: "
        + ("无 none" if not result.padding else "")
        + "; ".join(f"{kinds.get(s.kind, s.kind)} {s.start_s:.1f}–{s.end_s:.1f} s" for s in result.padding),
        f"抽帧 Sampled frames: {result.sampled_frames}    有人脸 With faces: {result.frames_with_faces}",
        "参与教师 Participants:",
    ]
    for p in result.participants:
        if p.seen:
            lines.append(
                f"  ✓ {p.name}  首次出现 first seen {p.first_seen_s:.1f} s, 出现比例 seen in {p.seen_fraction:.0%}"
            )
        else:
            lines.append(f"  ✗ {p.name}  未正面露脸 never seen" + ("" if p.has_reference else " (无参考照片 no photo)"))
    lines.append(f"未匹配人员 Unknown people: {result.unknown_faces}")
    for u in result.unknown:
        lines.append(f"  ? 首次出现 first seen {u.first_seen_s:.1f} s, 出现比例 seen in {u.seen_fraction:.0%}")
    lines.append("检查 Checks:")
    for name, check in checks.items():
        mark = {"pass": "✓", "warn": "!", "fail": "✗"}[check["level"]]
        detail = f"  {check['message_zh']} / {check['message_en']}" if "message_zh" in check else ""
        lines.append(f"  {mark} {name}{detail}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if not args.video.is_file():
            raise CliError(f"找不到视频文件：{args.video}", f"video file not found: {args.video}")
        models = faces.load_models()
        settings = get_settings()
        detector = load_detector(
            model_path=args.detector_model or settings.face_detector_model,
            min_face_px=args.min_face or settings.face_min_px,
            score_threshold=settings.face_score_threshold,
            threads=settings.analysis_threads,
        )
        refs = _references(args.reference, models)
        result = analyze(
            args.video,
            references=refs,
            detector=detector,
            tolerance=args.tolerance,
            models=models,
            ffmpeg_binary=args.ffmpeg,
            ffprobe_binary=args.ffprobe,
        )
    except CliError as exc:
        return refused(exc)
    except MediaError as exc:
        print(f"错误：{exc.reason.zh}\nError: {exc.reason.en}\n({exc.detail})", file=sys.stderr)
        return BAD_INPUT
    except (ModelsUnavailable, ToolMissing) as exc:
        return broken(exc)
    print(json.dumps(result.as_dict(), ensure_ascii=False) if args.json else _summary(result, args.min_duration))
    return 0


if __name__ == "__main__":
    sys.exit(main())
