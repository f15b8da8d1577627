"""Documents in the browser: the teacher hands in a PDF for a point (the first document creates
the draft), sees it listed and the point's required documents; a file that is no document is
refused in the language on screen, switching with it; a document deleted is gone; the group
leader downloads the PDF from the review page and gets the same bytes under the same name.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.pages import api_json, ensure_points_confirmed, login

pytestmark = pytest.mark.e2e
SHOT_PREFIX = "documents-"
POINTS = ("A1", "A2", "A5")
POINT = "A5"  # the scenario works on A1 and the resume test on A2: this test works alone too
CJK = re.compile(r"[\u4e00-\u9fff]")


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a line of text, its cross-reference table at the right offsets."""
    content = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def _own_submission(page: Page) -> dict:
    found = [s for s in api_json(page, "/api/submissions") if s["capability_code"] == POINT]
    assert len(found) == 1, found
    return api_json(page, f"/api/submissions/{found[0]['id']}")  # type: ignore[return-value]


def _hand_in(page: Page, card, path) -> None:
    card.get_by_test_id("document-input").set_input_files(path)
    expect(card.get_by_test_id("documents").locator("li", has_text=path.name)).to_be_visible()
    expect(card.locator("[data-busy=true]")).to_have_count(0)


def test_teacher_hands_in_a_pdf_and_the_leader_downloads_the_same_bytes(open_page, shots, tmp_path):
    design = tmp_path / f"教学设计-{POINT}.pdf"
    design.write_bytes(minimal_pdf("Kejian lesson design"))
    reflection = tmp_path / "教学反思.pdf"
    reflection.write_bytes(minimal_pdf("Reflection"))
    not_a_document = tmp_path / "照片.pdf"  # named like a PDF, but the bytes are a PNG's
    not_a_document.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    teacher = open_page()
    login(teacher, "teacher")
    ensure_points_confirmed(teacher, POINTS)
    teacher.reload()
    # A1's catalogue entry asks for a 学情分析方案: its card says so, whatever state the work is in.
    expect(teacher.get_by_test_id("submission-A1").get_by_test_id("requirements")).to_contain_text("学情分析方案")
    card = teacher.get_by_test_id(f"submission-{POINT}")
    expect(card.get_by_test_id("document-input")).to_have_attribute("accept", re.compile(r"\.pdf,\.docx,\.pptx"))

    _hand_in(teacher, card, design)
    submission = _own_submission(teacher)
    assert submission["state"] == "draft" and [d["filename"] for d in submission["documents"]] == [design.name]
    document_id = submission["documents"][0]["id"]
    expect(card.get_by_test_id(f"document-link-{document_id}")).to_have_text(design.name)
    shots.take(teacher, "teacher-handed-in")

    card.get_by_test_id("document-input").set_input_files(not_a_document)
    refusal = card.get_by_test_id("document-error")
    expect(refusal).to_contain_text(not_a_document.name)
    expect(refusal).to_contain_text("不是受支持的文档格式")
    shots.take(teacher, "teacher-refused-zh")
    teacher.get_by_test_id("lang-switch").click()
    refusal = teacher.get_by_test_id(f"submission-{POINT}").get_by_test_id("document-error")
    expect(refusal).to_contain_text("not a supported document format")
    expect(refusal).not_to_have_text(re.compile(r"不是受支持"))
    shots.take(teacher, "teacher-refused-en")
    teacher.get_by_test_id("lang-switch").click()
    expect(teacher.locator("html")).to_have_attribute("lang", "zh-CN")

    card = teacher.get_by_test_id(f"submission-{POINT}")
    _hand_in(teacher, card, reflection)
    extra = next(d for d in _own_submission(teacher)["documents"] if d["filename"] == reflection.name)
    delete = card.get_by_test_id(f"document-delete-{extra['id']}")
    delete.click()  # the first click only asks again
    expect(delete).to_have_text("再点一次删除")
    delete.click()
    expect(card.get_by_test_id(f"document-{extra['id']}")).to_have_count(0)
    assert [d["id"] for d in _own_submission(teacher)["documents"]] == [document_id]

    leader = open_page()
    login(leader, "leader")
    leader.goto(f"/review/{submission['id']}")
    link = leader.get_by_test_id(f"document-link-{document_id}")
    expect(link).to_have_text(design.name)
    shots.take(leader, "leader-review")
    with leader.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == design.name
    assert download.value.path().read_bytes() == design.read_bytes()
