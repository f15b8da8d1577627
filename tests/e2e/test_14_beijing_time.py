"""Beijing time in a browser that is not in Beijing: the school admin, on a laptop set to UTC,
imports the roster through the UI; the audit log shows that import's time in Beijing time under a
column that names the zone (and so it does, in English, in a browser in New York), and the workbook
downloaded from the page is named after the Beijing day.

The roster holds 李娜 (T002) exactly as the demo has her, so the import changes no teacher and no
account that another browser test relies on: it only leaves an audit entry with a time of now.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from api.demo import SCHOOL
from tests.e2e.pages import api_json, login, roster_csv

pytestmark = pytest.mark.e2e

SHOT_PREFIX = "beijing-time-"
BEIJING = ZoneInfo("Asia/Shanghai")
ROSTER = roster_csv(("李娜", "T002", 1980))


def _read(at: str, zone) -> str:
    return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def test_a_utc_browser_reads_the_audit_log_and_the_export_in_beijing_time(open_page, shots, tmp_path: Path) -> None:
    admin = open_page(timezone_id="UTC")
    assert admin.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "UTC", "the browser runs in UTC"
    login(admin, "schooladmin")
    assert api_json(admin, "/api/rules")["time_zone"]["name"] == "Asia/Shanghai"

    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    admin.get_by_test_id("roster-file").set_input_files(str(roster))
    admin.get_by_test_id("roster-import").click()
    expect(admin.get_by_test_id("roster-report")).to_contain_text("不变 1")

    imports = [e for e in api_json(admin, "/api/admin/audit?entity_type=school") if e["action"] == "roster_import"]
    newest = max(imports, key=lambda e: e["id"])
    beijing, utc = _read(newest["at"], BEIJING), _read(newest["at"], ZoneInfo("UTC"))
    assert beijing != utc  # eight hours apart: the row below cannot pass by showing the browser's clock
    audit = admin.get_by_test_id("audit-log")
    expect(audit.locator("thead th").first).to_have_text("时间（北京时间）")
    expect(audit.get_by_test_id(f"audit-{newest['id']}").locator(".audit-when")).to_have_text(beijing)
    shots.take(admin, "audit-log-in-utc-browser")

    abroad = open_page(timezone_id="America/New_York", locale="en")
    login(abroad, "schooladmin", path="/?lang=en")
    audit_en = abroad.get_by_test_id("audit-log")
    expect(audit_en.locator("thead th").first).to_have_text("When (Beijing time)")
    expect(audit_en.get_by_test_id(f"audit-{newest['id']}").locator(".audit-when")).to_have_text(beijing)

    with admin.expect_download() as download:
        admin.get_by_test_id("export-school").click()
    days = {datetime.now(BEIJING).strftime("%Y%m%d"), beijing[:10].replace("-", "")}  # midnight may pass between
    assert download.value.suggested_filename in {f"{SCHOOL[0]}-汇总-{day}.xlsx" for day in days}
