"""Read a roster file (XLSX or CSV) into rows of raw cells keyed by field.

Headers are matched loosely: Chinese or English names, case, spaces, ``_``/``-``, a trailing
``*`` or a parenthesised note (“姓名（必填）”) do not matter. The header row is the first of
the first few rows that names at least two known columns, so a title row above it is fine.
Row numbers are the ones a spreadsheet shows (header row included, counting from 1).
Third-party parse errors are translated here; the rest of the import sees only ``Table``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from api.errors import PayloadTooLarge, UnsupportedMedia
from api.shared.csv_text import decode_csv
from domain import review_admin_reasons as ar
from domain.reasons import Reason

# field → (canonical Chinese header, accepted aliases)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "school_name": ("学校", ("学校名称", "school", "school_name")),
    "school_code": ("学校编码", ("学校代码", "school_code")),
    "province": ("省份", ("省", "province")),
    "group": ("教研组", ("group", "research_group")),
    "group_subject": ("教研组学科", ("group_subject",)),
    "subject": ("学科", ("任教学科", "subject")),
    "name": ("姓名", ("教师姓名", "name")),
    "staff_id": ("工号", ("教师工号", "staff_id", "staff_no")),
    "birth_year": ("出生年份", ("出生年", "birth_year")),
    "role": ("角色", ("role",)),
    "full_time": ("专任", ("专任教师", "是否专任", "full_time")),
    "photos": ("参考照片", ("reference_photos", "photos")),
    # seed 002's cohort (2020/2021/2022), for the province's completion view (issue 20)
    "cohort_year": ("批次年度", ("批次", "培训年度", "cohort_year", "cohort")),
}
REQUIRED = ("name", "staff_id", "subject", "birth_year")

MAX_ROWS = 10_000
MAX_LINES = MAX_ROWS + 1_000  # data rows plus blank or title rows
MAX_COLUMNS = 64
HEADER_SEARCH_ROWS = 5
# A small XLSX can inflate enormously when unzipped; refuse before openpyxl expands it.
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024


def _key(text: str) -> str:
    text = re.sub(r"[（(][^）)]*[）)]\s*$", "", text.strip())
    return re.sub(r"[\s_\-*＊]", "", text).lower()


_ALIASES = {_key(alias): name for name, (zh, aliases) in COLUMNS.items() for alias in (zh, *aliases)}


@dataclass
class Table:
    headers: dict[str, str] = field(default_factory=dict)  # field → the header as written in the file
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, field → raw cell)
    header_row: int = 1
    positions: list[str | None] = field(default_factory=list)  # the field of each column, if any
    ignored_columns: list[str] = field(default_factory=list)
    duplicate_columns: list[str] = field(default_factory=list)


def read_table(data: bytes, fmt: str) -> Table:
    """Parse ``data`` as ``fmt`` ("xlsx" or "csv") and map its columns to fields."""
    lines = _xlsx_rows(data) if fmt == "xlsx" else _csv_rows(data)
    return _tabulate(lines)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # imported here: only imports need it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > MAX_UNZIPPED_BYTES:
            raise PayloadTooLarge(ar.ROSTER_TOO_LARGE.format(limit=MAX_UNZIPPED_BYTES))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = []
            for cells in workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
                if len(rows) >= MAX_LINES:  # refuse rather than silently drop the rest
                    raise PayloadTooLarge(ar.ROSTER_TOO_MANY_ROWS.format(limit=MAX_ROWS))
                rows.append(list(cells))
        finally:
            workbook.close()
    except PayloadTooLarge:
        raise
    except Exception as exc:  # openpyxl raises many kinds on malformed input; all mean "not XLSX"
        raise UnsupportedMedia(ar.ROSTER_UNREADABLE.format(format="XLSX")) from exc
    return ((n, cells) for n, cells in enumerate(rows, start=1))


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Any]]]:
    text = decode_csv(data, ar.ROSTER_UNREADABLE.format(format="CSV"))
    head = "\n".join(text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS])  # a title row may come first
    delimiter = max(",\t;", key=head.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnsupportedMedia(ar.ROSTER_UNREADABLE.format(format="CSV")) from exc
    if len(records) > MAX_LINES:
        raise PayloadTooLarge(ar.ROSTER_TOO_MANY_ROWS.format(limit=MAX_ROWS))
    return ((n, cells[:MAX_COLUMNS]) for n, cells in enumerate(records, start=1))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _tabulate(lines: Iterable[tuple[int, list[Any]]]) -> Table:
    lines = iter(lines)
    table: Table | None = None
    for number, cells in lines:
        fields = [None if _blank(c) else _ALIASES.get(_key(str(c))) for c in cells]
        if sum(f is not None for f in fields) >= 2:
            table = _header(number, cells, fields)
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if table is None:
        return Table()
    index = {name: i for i, name in enumerate(table.positions) if name is not None}
    for number, cells in lines:
        if all(_blank(c) for c in cells):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise PayloadTooLarge(ar.ROSTER_TOO_MANY_ROWS.format(limit=MAX_ROWS))
        table.rows.append((number, {name: (cells[i] if i < len(cells) else None) for name, i in index.items()}))
    return table


def _header(number: int, cells: list[Any], fields: list[str | None]) -> Table:
    table = Table(header_row=number)
    for cell, name in zip(cells, fields):
        text = "" if _blank(cell) else str(cell).strip()
        if name is not None and name in table.headers:
            table.duplicate_columns.append(text)
            name = None
        elif name is None and text:
            table.ignored_columns.append(text)
        elif name is not None:
            table.headers[name] = text
        table.positions.append(name)
    return table


def file_problems(table: Table) -> list[tuple[int | None, str, Reason]]:
    """Problems with the file as a whole: (row, column, reason)."""
    found: list[tuple[int | None, str, Reason]] = [
        (table.header_row, column, ar.ROSTER_DUPLICATE_COLUMN.format(column=column))
        for column in table.duplicate_columns
    ]
    for name in REQUIRED:
        if name not in table.headers:
            zh = COLUMNS[name][0]
            found.append((table.header_row, zh, ar.ROSTER_MISSING_COLUMN.format(column=zh)))
    if not table.rows:
        found.append((None, "", ar.ROSTER_NO_ROWS))
    return found
