"""Platform exports of online hours for tests: CSV in an encoding, or XLSX, from rows of cells."""

from __future__ import annotations

from tests.api.review.admin import roster_files

HEADER = ("工号", "姓名", "课程名称", "学时", "类型")


def csv_bytes(rows, *, header=HEADER, encoding: str = "utf-8") -> bytes:
    lines = [",".join(str(c) for c in header)] + [",".join("" if c is None else str(c) for c in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows, *, header=HEADER, title: str | None = None) -> bytes:
    return roster_files.xlsx_bytes(rows, header, title)


def post(h, school_id: int, data: bytes, *, user: str = "schooladmin", filename: str = "hours.csv"):
    return h.client.post(
        f"/api/schools/{school_id}/online-hours?filename={filename}", content=data, headers=h.auth(user)
    )


def hours(h, teacher_id: int, user: str = "schooladmin") -> dict:
    response = h.client.get(f"/api/teachers/{teacher_id}/hours", headers=h.auth(user))
    assert response.status_code == 200, response.text
    return response.json()
