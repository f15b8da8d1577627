"""What the face detector finds, as the analysis runs it: recall per face size, and boxes on faceless video.

Part of ``bench/analysis.py`` (run that; ``make bench`` skips modules named ``_*``). Two recordings
are built once and cached in var/bench-media/:

* **small faces**: the 16 single-face photos of /work/shared/media, whole (hair, shoulders and
  background around each face), in a 4×4 grid of a 1280×720 frame, at each face height (48, 36,
  28 and 22 px, the labelled dlib box height) four placements of 4 s, H.264 at CRF 23 with light
  sensor noise; every placed face is ground truth;
* **faceless**: 20 s each of the two negative photos (dogs, a street with no faces) slowly panned,
  ffmpeg's test pattern and a Mandelbrot zoom: any box found there is a false face.

Both are decoded with the analysis's own sampler and searched whole by the configured detector
(as the tracker searches a first frame); a face counts as found when a box's centre lies within
half a face of the placed face's centre.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from PIL import Image

from workers.video import sampling
from workers.video.face_detector import FaceDetector
from workers.video.probe import probe

SIZES = (48, 36, 28, 22)
PLACEMENTS = 4  # per size: each face nudged differently
SEGMENT_S = 4.0
RECIPE = "v3"


def _single_faces(shared: Path) -> list[tuple[Path, tuple[int, int, int, int]]]:
    labels = json.loads((shared / "labels.json").read_text())
    return [
        (shared / p["file"], tuple(p["faces"][0]["box_top_right_bottom_left"]))
        for p in labels["photos"]
        if len(p["faces"]) == 1 and p["faces"][0]["face_height_px"] >= 100
    ]


def _face_cell(path: Path, box: tuple[int, int, int, int], px: int, size: tuple[int, int]) -> np.ndarray:
    """The whole photo scaled so its face is ``px`` high, face centred in a ``size`` (w, h) cell: the
    face keeps its hair, shoulders and background, as a person in a room does."""
    top, right, bottom, left = box
    scale = px / (bottom - top)
    with Image.open(path) as opened:
        image = opened.convert("RGB")
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    cell = Image.new("RGB", size, (96, 92, 88))
    cx, cy = (left + right) / 2 * scale, (top + bottom) / 2 * scale
    cell.paste(image, (round(size[0] / 2 - cx), round(size[1] / 2 - cy)))
    return np.asarray(cell)


def _frame(shared: Path, px: int, shift: int) -> tuple[np.ndarray, list[tuple[int, float, float]]]:
    """A 1280×720 frame of the 16 single-face photos in a 4×4 grid, faces ``px`` high; and its faces:
    (height px, centre y, centre x). Each face is nudged by a few pixels, differently for each
    ``shift``, so that the faces fall differently on the network's strides (a small face's score
    depends on it)."""
    frame = np.full((720, 1280, 3), (96, 92, 88), np.uint8)
    truth: list[tuple[int, float, float]] = []
    for i, (path, box) in enumerate(_single_faces(shared)):
        cell = _face_cell(path, box, px, (320, 180))
        y, x = (i // 4) * 180, (i % 4) * 320
        dy, dx = (i + 3 * shift) % 7 - 3, (i + 5 * shift) % 11 - 5
        frame[y : y + 180, x : x + 320] = np.roll(cell, (dy, dx), axis=(0, 1))
        truth.append((px, y + 90.0 + dy, x + 160.0 + dx))
    return frame, truth


def build_small_faces(shared: Path, cache: Path, ffmpeg) -> tuple[Path, list[tuple[float, float, list]]]:
    """The recording and its ground truth: (start s, end s, faces) per 4-s segment, each segment one face
    size and one placement (:data:`PLACEMENTS` per size)."""
    out = cache / f"small-faces-{RECIPE}.mp4"
    segments, stills = [], []
    for px in SIZES:
        for shift in range(PLACEMENTS):
            frame, truth = _frame(shared, px, shift)
            n = len(segments)
            segments.append((SEGMENT_S * n, SEGMENT_S * (n + 1), truth))
            stills.append((frame, cache / f"small-faces-{px}-{shift}-{RECIPE}.png"))
    if not out.exists():
        inputs: list[str] = []
        for frame, still in stills:
            Image.fromarray(frame).save(still)
            inputs += ["-loop", "1", "-framerate", "25", "-t", str(SEGMENT_S), "-i", str(still)]
        graph = "".join(f"[{i}:v]" for i in range(len(stills))) + f"concat=n={len(stills)}:v=1:a=0,"
        graph += "noise=alls=3:allf=t,format=yuv420p[v]"
        ffmpeg(*inputs, "-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-preset", "superfast",
               "-crf", "23", "-g", "50", str(cache / ".small.mp4"))  # fmt: skip
        os.replace(cache / ".small.mp4", out)
    return out, segments


def build_faceless(shared: Path, cache: Path, ffmpeg) -> Path:
    out = cache / f"faceless-{RECIPE}.mp4"
    if not out.exists():
        negative = shared / "photos" / "negative"
        pan = "scale=1600:900:force_original_aspect_ratio=increase,crop=1280:720:x='(iw-1280)*t/20':y=0,setsar=1"
        graph = (
            f"[0:v]{pan}[a];[1:v]{pan}[b];[2:v]scale=1280:720,setsar=1[c];[3:v]scale=1280:720,setsar=1[d];"
            "[a][b][c][d]concat=n=4:v=1:a=0,fps=25,format=yuv420p[v]"
        )
        ffmpeg("-loop", "1", "-framerate", "25", "-t", "20", "-i", str(negative / "dogs.jpg"),
               "-loop", "1", "-framerate", "25", "-t", "20", "-i", str(negative / "no-faces.jpg"),
               "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25:duration=20",
               "-f", "lavfi", "-i", "mandelbrot=size=1280x720:rate=25,trim=duration=20",
               "-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-preset", "superfast", "-crf", "23",
               "-g", "50", str(cache / ".faceless.mp4"))  # fmt: skip
        os.replace(cache / ".faceless.mp4", out)
    return out


def _frames(video: Path):
    info = probe(video)
    plan = sampling.plan(video, info)
    spacing = sampling.Spacing(2.0)
    with sampling.FrameSampler(video, plan) as sampler:
        for frame in sampler:
            yield from spacing.offer(frame.t_s, frame)
        yield from spacing.flush()


def small_face_recall(detector: FaceDetector, video: Path, segments: list[tuple[float, float, list]]) -> dict:
    found = {px: 0 for px in SIZES}
    placed = {px: 0 for px in SIZES}
    extra = frames = 0
    for frame in _frames(video):
        truth = next((faces for start, end, faces in segments if start <= frame.t_s < end), [])
        frames += 1
        hits = detector.detect(frame.picture.rgb)
        centres = [((h.box.top + h.box.bottom) / 2, (h.box.left + h.box.right) / 2) for h in hits]
        used = set()
        for px, y, x in truth:
            placed[px] += 1
            near = (i for i, (cy, cx) in enumerate(centres) if abs(cy - y) < px / 2 and abs(cx - x) < px / 2)
            match = next(near, None)
            if match is not None:
                found[px] += 1
                used.add(match)
        extra += len(centres) - len(used)
    return {
        "frames": frames,
        "faces_placed_by_height_px": {str(px): placed[px] for px in SIZES},
        "recall_by_height_px": {str(px): round(found[px] / max(1, placed[px]), 4) for px in SIZES},
        "boxes_not_on_a_placed_face_per_frame": round(extra / max(1, frames), 3),
    }


def false_faces(detector: FaceDetector, video: Path) -> dict:
    frames = boxes = 0
    for frame in _frames(video):
        frames += 1
        boxes += len(detector.detect(frame.picture.rgb))
    return {"frames": frames, "false_faces": boxes, "false_faces_per_frame": round(boxes / max(1, frames), 4)}
