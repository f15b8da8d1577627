"""The exported workbooks' rows, streamed to the file as they are made (openpyxl's write-only mode).

A normal openpyxl workbook keeps every cell in memory, about half a kilobyte each: a 5,000-teacher
school's workbook (some 300,000 cells over its sheets) took hundreds of MB before a byte was sent.
In write-only mode each sheet's rows go to a temporary file as they are appended, so a sheet's
column widths are given when it is made (they come before its rows in the file) and a cell's
format when it is written. Text typed by people stays text, never a formula; a date and time shows
as one, not as Excel's serial number.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, BinaryIO, TypeVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from api.review.admin.export_time import CELL_FORMAT

T = TypeVar("T")


def new_book() -> Workbook:
    return Workbook(write_only=True)


def new_sheet(book: Workbook, title: str, widths: Sequence[float] = ()) -> WriteOnlyWorksheet:
    """A sheet with its columns' widths (A, B, … in order)."""
    sheet = book.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def put(sheet: WriteOnlyWorksheet, values: Sequence[Any], *, formats: Mapping[int, str] | None = None) -> None:
    """Append one row; ``formats``: a number format by 0-based column (e.g. ``{1: "0.0%"}``)."""
    sheet.append([_cell(sheet, value, (formats or {}).get(n)) for n, value in enumerate(values)])


def _cell(sheet: WriteOnlyWorksheet, value: Any, number_format: str | None) -> Any:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # "=HYPERLINK(...)" typed as a name must not become a formula
    elif isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = number_format or CELL_FORMAT
        return cell
    elif number_format is not None:
        cell = WriteOnlyCell(sheet, value)
    else:
        return value
    if number_format is not None:
        cell.number_format = number_format
    return cell


SLICE = 500  # teachers whose rows are read together: a large school's never all in memory at once


def slices(items: Sequence[T]) -> Iterator[Sequence[T]]:
    """``items`` :data:`SLICE` at a time, in order."""
    for start in range(0, len(items), SLICE):
        yield items[start : start + SLICE]


def to_bytes(book: Workbook) -> bytes:
    """The finished file (its sheets' rows read back from their temporary files)."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def spooled(write: Callable[[BinaryIO], None]) -> Iterator[bytes]:
    """What ``write`` writes, as chunks for a streamed response: a file of several MB for a large
    school goes through a temporary file (in memory up to 1 MB), not through one bytes object."""
    file = tempfile.SpooledTemporaryFile(max_size=1 << 20)
    try:
        write(file)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return _chunks(file)


def _chunks(file: BinaryIO) -> Iterator[bytes]:
    with file:
        while chunk := file.read(1 << 16):
            yield chunk
