"""A training platform's export (XLSX or CSV) as rows of raw cells, the header found in the first rows.

The format is told by the bytes (an XLSX is a ZIP), not by the name or a parameter: Chinese
platforms export both, and people rename files. CSV is UTF-8 with or without a BOM, else GB18030
(Excel on Chinese Windows saves CSV in GBK, which GB18030 contains); the delimiter is a comma, tab
or semicolon, whichever the first lines use most. Third-party parse errors are translated here.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from api.errors import BadRequest, PayloadTooLarge, Unprocessable, UnsupportedMedia
from api.shared.csv_text import decode_csv
from domain import training_hours_reasons as hr
from domain.online_hour_rows import find_columns
from domain.reasons import Reason

HEADER_SEARCH_ROWS = 5
MAX_COLUMNS = 64
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # a small XLSX can inflate enormously; refuse before openpyxl does


@dataclass(frozen=True)
class Sheet:
    columns: dict[str, int]  # field → column index
    rows: list[list[object]]  # the data rows after the header
    first_row: int  # the spreadsheet row number of rows[0]


def read_sheet(data: bytes, *, max_rows: int) -> Sheet:
    """The header and the data rows; 400 empty, 415 unreadable, 413 too many rows, 422 columns missing."""
    if not data.strip():
        raise BadRequest(hr.IMPORT_EMPTY)
    lines = _xlsx(data, max_rows) if data[:4] == b"PK\x03\x04" else _csv(data, max_rows)
    best: tuple[int, Reason] = (-1, hr.IMPORT_COLUMNS.format(missing="工号、课程名称、学时"))
    for index, header in enumerate(lines[:HEADER_SEARCH_ROWS]):
        columns, problem = find_columns(header)
        if problem is None:
            rows = lines[index + 1 :]
            if len(rows) > max_rows:
                raise PayloadTooLarge(hr.IMPORT_TOO_MANY_ROWS.format(rows=len(rows), limit=max_rows))
            return Sheet(columns, rows, first_row=index + 2)
        if len(columns) > best[0]:  # the likeliest header row names what it lacks
            best = (len(columns), problem)
    raise Unprocessable(best[1])


def _xlsx(data: bytes, max_rows: int) -> list[list[object]]:
    from openpyxl import load_workbook  # only imports need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise UnsupportedMedia(hr.IMPORT_UNREADABLE)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            lines = []
            for cells in book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
                lines.append(list(cells))
                if len(lines) > max_rows + HEADER_SEARCH_ROWS:
                    raise PayloadTooLarge(hr.IMPORT_TOO_MANY_ROWS.format(rows=f"{len(lines)}+", limit=max_rows))
        finally:
            book.close()
    except (PayloadTooLarge, UnsupportedMedia):
        raise
    except Exception as exc:  # openpyxl raises many kinds on malformed input; all mean "not a workbook"
        raise UnsupportedMedia(hr.IMPORT_UNREADABLE) from exc
    return lines


def _csv(data: bytes, max_rows: int) -> list[list[object]]:
    text = decode_csv(data, hr.IMPORT_UNREADABLE)
    head = "\n".join(text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS])
    delimiter = max(",\t;", key=head.count)
    try:
        lines: list[Sequence[str]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnsupportedMedia(hr.IMPORT_UNREADABLE) from exc
    if len(lines) > max_rows + HEADER_SEARCH_ROWS:
        raise PayloadTooLarge(hr.IMPORT_TOO_MANY_ROWS.format(rows=len(lines), limit=max_rows))
    return [list(cells[:MAX_COLUMNS]) for cells in lines]
