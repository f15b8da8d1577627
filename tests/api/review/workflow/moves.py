"""Client-side helpers: perform a workflow action the way a UI would, through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.harness import Harness

# A1's two items (学情分析方案 has a checklist, 学情分析报告 only levels) graded to each verdict.
SCORE_BODIES = {
    "score_excellent": {
        "verdict": "excellent",
        "items": [
            {"item_key": "学情分析方案", "level": "excellent"},
            {"item_key": "学情分析报告", "level": "excellent"},
        ],
        "comment": "设计完整",
    },
    "score_pass": {
        "verdict": "pass",
        "items": [{"item_key": "学情分析方案", "level": "pass"}, {"item_key": "学情分析报告", "level": "excellent"}],
    },
    "score_fail": {
        "verdict": "fail",
        "items": [{"item_key": "学情分析方案", "level": "pass"}, {"item_key": "学情分析报告", "level": "fail"}],
        "comment": "缺少学情分析报告视频",
    },
}
REASONED = {
    "return": "请补充课堂实录",
    "downgrade": "画面中无学生活动",
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
    return client.post(f"{url}/{action}", headers=headers)
