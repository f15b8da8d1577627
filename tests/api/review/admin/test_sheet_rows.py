"""``api.review.admin.sheet_rows``: the exports' rows streamed to the file, cells typed as before."""

from __future__ import annotations

import io
import tracemalloc
from datetime import datetime

from openpyxl import Workbook, load_workbook

from api.review.admin import sheet_rows
from api.review.admin.export_time import CELL_FORMAT

ROW = (
    "T{n:05d}",
    "教师{n}",
    "语文",
    "语文组1",
    "是 yes",
    "已确认 confirmed",
    "A1",
    "技术支持的学情分析",
    "合格",
    80,
    "否 no",
)


def _row(n: int) -> tuple:
    return tuple(v.format(n=n) if isinstance(v, str) else v for v in ROW)


def test_widths_text_dates_and_formats_come_through():
    book = sheet_rows.new_book()
    sheet = sheet_rows.new_sheet(book, "汇总 Summary", (36, 48))
    sheet_rows.put(sheet, ("姓名", '=HYPERLINK("http://evil.example","x")'))
    sheet_rows.put(sheet, ("导出时间", datetime(2026, 12, 6, 9, 30)))
    sheet_rows.put(sheet, ("通过率", 0.25), formats={1: "0.0%"})
    sheet_rows.put(sheet, ())
    read = load_workbook(io.BytesIO(sheet_rows.to_bytes(book)))["汇总 Summary"]
    assert (read.column_dimensions["A"].width, read.column_dimensions["B"].width) == (36, 48)
    assert read["B1"].data_type == "s" and read["B1"].value.startswith("=HYPERLINK")
    assert read["B2"].value == datetime(2026, 12, 6, 9, 30) and read["B2"].number_format == CELL_FORMAT
    assert read["B3"].value == 0.25 and read["B3"].number_format == "0.0%"
    assert read.max_row == 3  # the empty row appended nothing to read back


def _peak(write, rows: int) -> int:
    tracemalloc.start()
    try:
        write(rows)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _streamed(rows: int) -> None:
    book = sheet_rows.new_book()
    sheet = sheet_rows.new_sheet(book, "明细 Details", (12,) * 11)
    for n in range(rows):
        sheet_rows.put(sheet, _row(n))
    sheet_rows.to_bytes(book)


def _in_memory(rows: int) -> None:
    book = Workbook()
    for n in range(rows):
        book.active.append(_row(n))
    book.save(io.BytesIO())


def test_a_large_sheet_is_written_without_holding_its_cells():
    small, large = _peak(_streamed, 1_000), _peak(_streamed, 4_000)
    in_memory = _peak(_in_memory, 4_000)
    # 44,000 cells: an in-memory workbook holds them all (about 3.5 kB a row here). The stream holds
    # one row and the strings table, so a row costs only its new strings (about 90 bytes).
    per_row_streamed, per_row_in_memory = (large - small) / 3_000, in_memory / 4_000
    assert per_row_streamed * 10 < per_row_in_memory and large * 4 < in_memory, (small, large, in_memory)
