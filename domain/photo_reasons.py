"""Reason codes of reference photos beyond "one face": quality at enrolment, and the bulk ZIP import.

Kept apart from ``domain/reasons.py`` like the other feature vocabularies. The quality
messages say what is needed (a larger face, a sharper photo), since the teacher has to take
a new photo; the ZIP messages name the entry, so a list of refusals reads well on its own.
"""

from __future__ import annotations

from domain.reasons import Reason


def _r(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


# Enrolment quality (workers/video/references.py)
PHOTO_FACE_TOO_SMALL = _r(
    "face.photo_face_too_small",
    "照片中的人脸太小（高 {height} 像素），至少需要 {min} 像素：请靠近拍摄，或上传人脸更大的照片。",
    "The face in the photo is too small ({height} px tall); at least {min} px is needed. "
    "Take the photo closer, or upload one where the face is larger.",
)
PHOTO_BLURRY = _r(
    "face.photo_blurry",
    "照片中的人脸太模糊（清晰度 {sharpness}，至少需要 {min}）：请对焦后重新拍摄一张更清晰的照片。",
    "The face in the photo is too blurry (sharpness {sharpness}, at least {min} is needed); "
    "take a sharper, focused photo.",
)
PHOTO_EMPTY = _r("face.photo_empty", "照片文件为空。", "The photo file is empty.")

# The bulk ZIP as a whole
ZIP_EMPTY = _r("photos.zip_empty", "上传的压缩包为空。", "The ZIP file is empty.")
ZIP_UNREADABLE = _r(
    "photos.zip_unreadable",
    "无法读取压缩包：内容不是有效的 ZIP 文件。",
    "The file cannot be read: its content is not a valid ZIP archive.",
)
ZIP_TOO_LARGE = _r(
    "photos.zip_too_large",
    "压缩包过大：上限为 {limit} 字节，请分批上传。",
    "The ZIP file is too large: the limit is {limit} bytes; upload it in batches.",
)
ZIP_TOO_MANY_ENTRIES = _r(
    "photos.zip_too_many_entries",
    "压缩包中有 {count} 个文件，上限为 {limit} 个，请分批上传。",
    "The ZIP file holds {count} entries; the limit is {limit}. Upload it in batches.",
)
ZIP_EXPANDS_TOO_MUCH = _r(
    "photos.zip_expands_too_much",
    "压缩包解压后超过 {limit} 字节，请分批上传。",
    "The ZIP file would expand beyond {limit} bytes; upload it in batches.",
)

# One entry of the ZIP
ENTRY_BAD_NAME = _r(
    "photos.entry_bad_name",
    "文件 {file} 的名称不是“工号.jpg”、“工号.jpeg”或“工号.png”。",
    "The file {file} is not named <staff id>.jpg, .jpeg or .png.",
)
ENTRY_UNKNOWN_STAFF_ID = _r(
    "photos.unknown_staff_id",
    "文件 {file}：本校没有工号为 {staff_id} 的教师。",
    "File {file}: no teacher of this school has the staff id {staff_id}.",
)
ENTRY_DUPLICATE_STAFF_ID = _r(
    "photos.duplicate_staff_id",
    "文件 {file}：工号 {staff_id} 在压缩包中出现了 {count} 次，无法确定使用哪一张，均未导入。",
    "File {file}: the staff id {staff_id} appears {count} times in the ZIP; which photo is meant cannot be "
    "known, so none of them was imported.",
)
ENTRY_UNREADABLE = _r(
    "photos.entry_unreadable",
    "文件 {file} 无法解压，压缩包可能已损坏。",
    "The file {file} cannot be extracted; the ZIP file may be damaged.",
)
