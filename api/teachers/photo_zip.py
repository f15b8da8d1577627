"""Reading a school admin's ZIP of reference photos: names to 工号, and every size bounded.

The archive comes from an office PC, so its names may be in GBK without ZIP's UTF-8 flag
(Windows' built-in zipper), in UTF-8 without it (macOS), or decomposed (macOS file names);
each is decoded and NFC-normalised before its 工号 is read. Folders inside the ZIP do not
matter; macOS's ``__MACOSX/`` shadow copies, dotfiles and directories are skipped.

A ZIP bomb is refused twice over: by the sizes the archive declares (entry count, each entry,
their total) before anything is inflated, and by the bytes actually read, never past an
entry's limit, whatever its header says.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from domain import photo_reasons as pr
from domain import reasons
from domain.filenames import clean_filename
from domain.reasons import Reason

PHOTO_EXTENSIONS = frozenset({"jpg", "jpeg", "png"})
_UTF8_FLAG = 0x800
_SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini"})


class EntryRefused(Exception):
    """One entry is refused; the others go on."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.code)
        self.reason = reason


class ZipRefused(Exception):
    """The archive as a whole is refused; nothing of it is kept."""

    def __init__(self, reason: Reason, *, too_large: bool) -> None:
        super().__init__(reason.code)
        self.reason = reason
        self.too_large = too_large


@dataclass(frozen=True)
class Entry:
    """One file of the archive: its path as the user named it, and the 工号 its name gives (or None)."""

    info: zipfile.ZipInfo
    file: str
    staff_id: str | None


def _decoded(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:  # zipfile read the raw bytes as cp437
        raw = name.encode("cp437", errors="replace")
        for encoding in ("utf-8", "gbk"):
            try:
                name = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def _shown(path: str) -> str:
    """The path as reports show it: each part cleaned like any client-given file name (no
    controls, bidi overrides or zero-width characters), so a refusal names what a person can read."""
    return "/".join(clean_filename(part, fallback="?") for part in path.split("/") if part)


def _skipped(info: zipfile.ZipInfo, path: str) -> bool:
    parts = [p for p in path.split("/") if p]
    return (
        info.is_dir()
        or not parts
        or "__MACOSX" in parts
        or parts[-1].startswith(".")
        or parts[-1].lower() in _SKIPPED_NAMES
    )


def staff_id_of(file: str) -> str | None:
    """The 工号 a file is named by (``T001.JPG`` → ``T001``), or None when it is not ``<工号>.jpg|jpeg|png``."""
    base = file.rsplit("/", 1)[-1]
    stem, dot, extension = base.rpartition(".")
    stem = stem.strip()
    if not dot or not stem or extension.lower() not in PHOTO_EXTENSIONS:
        return None
    return stem


def open_archive(data: bytes, *, max_entries: int, max_expanded: int) -> tuple[zipfile.ZipFile, list[Entry]]:
    """The archive and its photo entries, once the declared sizes are within bounds; raises ZipRefused."""
    if not data:
        raise ZipRefused(pr.ZIP_EMPTY, too_large=False)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ZipRefused(pr.ZIP_UNREADABLE, too_large=False) from exc
    if len(infos) > max_entries:
        raise ZipRefused(pr.ZIP_TOO_MANY_ENTRIES.format(count=len(infos), limit=max_entries), too_large=True)
    if sum(info.file_size for info in infos) > max_expanded:
        raise ZipRefused(pr.ZIP_EXPANDS_TOO_MUCH.format(limit=max_expanded), too_large=True)
    entries = []
    for info in infos:
        path = _decoded(info)
        if not _skipped(info, path):
            shown = _shown(path)
            entries.append(Entry(info, shown, staff_id_of(shown)))
    return archive, entries


def read_entry(archive: zipfile.ZipFile, entry: Entry, *, limit: int) -> bytes:
    """The entry's bytes; raises EntryRefused when it is larger than ``limit`` (declared or read) or broken."""
    too_large = reasons.PHOTO_TOO_LARGE
    if entry.info.file_size > limit:
        raise EntryRefused(too_large.format(size=entry.info.file_size, limit=limit))
    try:
        with archive.open(entry.info) as stream:
            data = stream.read(limit + 1)  # never inflate past the limit, whatever the header says
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, ValueError, OSError, EOFError) as exc:
        raise EntryRefused(pr.ENTRY_UNREADABLE.format(file=entry.file)) from exc
    if len(data) > limit:
        raise EntryRefused(too_large.format(size=f">{limit}", limit=limit))
    return data
