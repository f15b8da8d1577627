"""Client-side helpers: perform a workflow action the way a UI would, through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from domain.catalogue import load_seed_catalogue
from domain.rubric_seed import seed_rubric
from tests.harness import Harness


def seed_criteria(code: str = "A1", level: str = "excellent", **overrides: str) -> list[dict]:
    """A level for every criterion of ``code``'s seed rubric (``overrides`` by criterion key)."""
    rubric = seed_rubric(load_seed_catalogue().get(code))
    return [{"key": c.key, "level": overrides.get(c.key, level)} for c in rubric.criteria]


# A1's seed rubric (方案 c1–c4 from its checklist, c4 优秀-only; 报告 c5–c9 general) graded to each verdict.
SCORE_BODIES = {
    "score_excellent": {"verdict": "excellent", "criteria": seed_criteria(), "comment": "设计完整"},
    # the 优秀-only 创新 line missed: the 方案 is 合格, so the point is 合格
    "score_pass": {"verdict": "pass", "criteria": seed_criteria(c4="pass")},
    "score_fail": {
        "verdict": "fail",
        "criteria": seed_criteria(level="pass", c5="fail"),
        "comment": "缺少学情分析报告视频",
    },
}
REASONED = {
    "return": "请补充课堂实录",
    "downgrade": "画面中无学生活动",
    "confirm": "申诉核实：学生活动在第 12 分钟",  # needed only to undo a downgrade
    "score_fail": SCORE_BODIES["score_fail"]["comment"],
}
# Who performs each action in the demo school (the 语文 group's leader, its school, the province).
ACTORS = {
    "submit": "teacher",
    "resubmit": "teacher",
    "score_excellent": "leader",
    "score_pass": "leader",
    "score_fail": "leader",
    "forward": "schooladmin",
    "sample": "reviewer",
    "confirm": "reviewer",
    "downgrade": "reviewer",
}


def act(h: Harness, username: str, submission_id: int, action: str, *, client: TestClient | None = None, **body):
    """POST the action's route; ``client`` lets a thread use its own TestClient."""
    client = client or h.client
    headers = h.auth(username)
    url = f"/api/submissions/{submission_id}"
    if action.startswith("score_"):
        return client.post(f"{url}/score", json={**SCORE_BODIES[action], **body}, headers=headers)
    if action in ("return", "downgrade"):
        return client.post(f"{url}/{action}", json={"reason": REASONED[action], **body}, headers=headers)
    if action == "sample":
        return client.post("/api/province/sample", json={"seed": "round-1", "percent": 100, **body}, headers=headers)
    if action == "confirm" and body:
        return client.post(f"{url}/confirm", json=body, headers=headers)
    return client.post(f"{url}/{action}", headers=headers)
