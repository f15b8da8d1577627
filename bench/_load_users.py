"""The simulated users of ``bench/load.py``: locust classes that send what the pages send.

Loaded by the locust process only (``locust -f bench/_load_users.py``), never by the app or by
``bench/load.py`` itself, so gevent's monkey-patching stays in that process. Each class is a role
and makes the requests its page makes in ``review_ui/src`` (the page's module is named on each
method), one after another where a browser would send some at once. Requests are named
``"<page> · <METHOD> <route>"``, so locust's statistics are per page and route.

Set by ``bench/load.py`` through the environment:

- ``KEJIAN_LOAD_ACCOUNTS``: a JSON file ``{role: [username, ...]}``; every simulated user signs in
  as its own account (the login throttle counts per account and address; these all succeed).
- ``KEJIAN_LOAD_SPLIT``: users per class, ``teacher,leader,school_admin,province`` (locust's
  ``fixed_count``), so a small run still has every role.
- ``KEJIAN_LOAD_THINK_S``: ``low,high`` seconds a user reads between two page actions (5–15).

A user's first actions visit each of its pages once (home first), so a short run requests every
route; after that it picks by weight, as people mostly re-open their home and check progress.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path

from locust import FastHttpUser, between, task

PASSWORD = "kejian123"  # bench.province.PASSWORD (not imported: this module stays free of the app)
_THINK = [float(x) for x in os.environ.get("KEJIAN_LOAD_THINK_S", "5,15").split(",")]
_SPLIT = [int(x) for x in os.environ.get("KEJIAN_LOAD_SPLIT", "30,10,6,4").split(",")]
_ACCOUNTS = (
    json.loads(Path(os.environ["KEJIAN_LOAD_ACCOUNTS"]).read_text()) if "KEJIAN_LOAD_ACCOUNTS" in os.environ else {}
)
_NEXT = {role: itertools.count() for role in ("teacher", "leader", "school_admin", "province")}
SIGN_IN_TRIES = 5
WORK_PAGE = 100  # admin/school_admin_page.js: a graded state's work, a page at a time
HISTORY_PAGE = 50  # admin/desk_state.js: the school history, a page at a time


class PageUser(FastHttpUser):
    abstract = True
    role = ""
    wait_time = between(*_THINK)
    pages: tuple[tuple[str, int], ...] = ()  # (method name, weight)

    def on_start(self) -> None:
        pool = _ACCOUNTS[self.role]
        username = pool[next(_NEXT[self.role]) % len(pool)]
        # What a browser on the page's own origin sends with a write (api/security_middleware.py).
        self.origin = {"Origin": self.host}
        self.me = self.sign_in(username)
        self.csrf = next((c.value for c in self.client.cookiejar if c.name == "kejian_csrf"), "")
        self.rules = self.get("sign-in", "/api/rules")
        self._order = iter([name for name, _ in self.pages])

    def sign_in(self, username: str) -> dict:
        """POST /api/auth/login; a 429 (every password-checking slot busy) is counted, then tried again
        after its Retry-After, as a person would press 登录 again."""
        body = {"username": username, "password": PASSWORD}
        for _ in range(SIGN_IN_TRIES):
            name = "sign-in · POST /api/auth/login"
            response = self.client.post("/api/auth/login", json=body, headers=self.origin, name=name)
            if response.status_code == 200:
                return response.json()["user"]
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("retry-after") or 1))
        raise RuntimeError(f"{username} could not sign in: {response.status_code}")

    @task
    def act(self) -> None:
        name = next(self._order, None)
        if name is None:
            names, weights = zip(*self.pages, strict=True)
            name = random.choices(names, weights)[0]
        getattr(self, name)()

    def get(self, page: str, path: str, route: str | None = None, **params):
        name = f"{page} · GET {route or path}"
        response = self.client.get(path, params=params or None, name=name)
        return response.json() if response.status_code == 200 else None

    def post(self, page: str, path: str, route: str, body: dict):
        headers = {**self.origin, "X-CSRF-Token": self.csrf}
        response = self.client.post(path, json=body, headers=headers, name=f"{page} · POST {route}")
        return response.json() if response.status_code in (200, 201) else None


class Teacher(PageUser):
    role = "teacher"
    fixed_count = _SPLIT[0]
    pages = (("home", 3), ("recording_status", 4))
    recordings: list[str] = []

    def home(self) -> None:
        """teacher/teacher_page.js and its cards: photo, result, hours, peer, sessions, one card per point."""
        page, tid = "teacher home", self.me["teacher_id"]
        self.get(page, f"/api/teachers/{tid}", "/api/teachers/{id}")
        self.get(page, f"/api/teachers/{tid}/result", "/api/teachers/{id}/result")
        self.get(page, f"/api/teachers/{tid}/hours/ledger", "/api/teachers/{id}/hours/ledger")
        self.get(page, "/api/peer/assignments")
        self.get(page, "/api/peer/feedback")
        self.get(page, "/api/session-records/mine")
        selection = self.get(page, f"/api/teachers/{tid}/selection", "/api/teachers/{id}/selection")
        self.get(page, "/api/catalogue/points")
        work = self.get(page, "/api/submissions", "/api/submissions?teacher_id", teacher_id=tid, limit=200) or []
        self.recordings = [s["recording_id"] for s in work if s["recording_id"]]
        chosen = set((selection or {}).get("codes") or [])
        for submission in (s for s in work if s["capability_code"] in chosen):
            sid, rid = submission["id"], submission["recording_id"]
            self.get(page, f"/api/submissions/{sid}", "/api/submissions/{id}")
            self.get(page, f"/api/submissions/{sid}/history", "/api/submissions/{id}/history")
            if rid:
                self.get(page, f"/api/recordings/{rid}", "/api/recordings/{id}")
                if submission["state"] != "draft":
                    self.get(page, f"/api/recordings/{rid}/comments", "/api/recordings/{id}/comments")

    def recording_status(self) -> None:
        """recording/stages.js: the card re-reads its recording while the stages run."""
        if not self.recordings:
            return self.home()
        rid = random.choice(self.recordings)
        self.get("recording status", f"/api/recordings/{rid}", "/api/recordings/{id}")


class Leader(PageUser):
    role = "leader"
    fixed_count = _SPLIT[1]
    pages = (("queue", 3), ("review_and_comment", 2))
    listed: list[dict] = []

    def queue_page(self, page: str) -> None:
        gid = self.me["group_id"]
        self.get(page, "/api/catalogue/points")
        self.get(page, "/api/teachers")
        self.get(page, f"/api/groups/{gid}/results", "/api/groups/{id}/results")
        self.get(
            page, "/api/submissions", "/api/submissions?group_id&state", group_id=gid, state="downgraded", limit=200
        )
        self.get(page, f"/api/groups/{gid}/submission", "/api/groups/{id}/submission")
        self.get(page, f"/api/groups/{gid}/hours", "/api/groups/{id}/hours", limit=50)
        self.get(page, f"/api/peer/groups/{gid}/participation", "/api/peer/groups/{id}/participation")
        self.listed = self.get(page, "/api/submissions", "/api/submissions?group_id", group_id=gid, limit=200) or []
        sessions = "/api/recordings?kind&group_id"
        self.get(page, "/api/recordings", sessions, kind="group_session", group_id=gid, limit=100)

    def queue(self) -> None:
        """leader/leader_page.js: points, members, results, hand-over, hours, participation, queue, sessions."""
        self.queue_page("leader queue")

    def review_and_comment(self) -> None:
        """review/review_page.js, then review/comment_panel.js: a time-coded comment, the list again."""
        page = "leader review"
        ready = [s for s in self.listed if isinstance(s, dict) and s.get("recording_id") and s["state"] != "draft"]
        if not ready:
            return self.queue_page("leader queue")
        submission = random.choice(ready)
        sid, rid = submission["id"], submission["recording_id"]
        self.get(page, f"/api/submissions/{sid}", "/api/submissions/{id}")
        self.get(page, f"/api/recordings/{rid}/comments", "/api/recordings/{id}/comments")
        recording = self.get(page, f"/api/recordings/{rid}", "/api/recordings/{id}")
        self.get(page, f"/api/submissions/{sid}/rubric", "/api/submissions/{id}/rubric")
        if recording and recording.get("duration_s"):
            at = round(random.random() * recording["duration_s"], 2)
            body = {"at_s": at, "text": "这里的提问可以再开放一些 (load)"}
            self.post("comment post", f"/api/recordings/{rid}/comments", "/api/recordings/{id}/comments", body)
            self.get(page, f"/api/recordings/{rid}/comments", "/api/recordings/{id}/comments")


class SchoolAdmin(PageUser):
    role = "school_admin"
    fixed_count = _SPLIT[2]
    pages = (("dashboard", 1),)

    def dashboard(self) -> None:
        """admin/school_admin_page.js's load(), its desk with its history, hand-over, sessions, results and
        hours cards."""
        page, sid = "school dashboard", self.me["school_id"]
        self.get(page, "/api/catalogue/points")
        self.get(page, f"/api/schools/{sid}/quota", "/api/schools/{id}/quota")
        self.get(page, f"/api/schools/{sid}/groups", "/api/schools/{id}/groups")  # each with its hand-over
        for state in self.rules["workflow"]["graded_states"]:
            self.get(page, "/api/submissions", "/api/submissions?state", state=state, limit=WORK_PAGE)
        self.get(page, f"/api/schools/{sid}/desk", "/api/schools/{id}/desk")
        # The desk's history card (admin/school_desk_hook.js), 50 a page as desk_state.js asks.
        self.get(page, f"/api/schools/{sid}/history", "/api/schools/{id}/history", limit=HISTORY_PAGE)
        self.get(page, f"/api/schools/{sid}/handover", "/api/schools/{id}/handover")
        sessions = self.get(page, "/api/recordings", "/api/recordings?kind", kind="group_session", limit=50) or []
        if ids := [r["id"] for r in sessions]:
            route = "/api/session-records?recording_id"
            self.get(page, "/api/session-records", route, recording_id=ids, limit=len(ids))
        self.get(page, f"/api/schools/{sid}/results", "/api/schools/{id}/results", limit=50)
        self.get(page, f"/api/schools/{sid}/hours", "/api/schools/{id}/hours", limit=50)


class Province(PageUser):
    role = "province"
    fixed_count = _SPLIT[3]
    pages = (("works", 4), ("desk", 1))
    values: dict = {}

    def works(self) -> None:
        """province/filters_bar.js and works_table.js: some filters set, the first page, often the next."""
        page = "province list"
        if not self.values:
            self.values = self.get(page, "/api/province/filters") or {}
        choices = {
            "school_id": [s["id"] for s in self.values.get("schools", [])],
            "subject": self.values.get("subjects", []),
            "capability_code": self.values.get("points", []),
            "state": self.values.get("states", []),
            "verdict": self.values.get("verdicts", []),
        }
        filters = {k: random.choice(v) for k, v in choices.items() if v and random.random() < 0.35}
        if random.random() < 0.1:
            filters["duplicate"] = "true"
        out = self.get(page, "/api/province/works", "/api/province/works?filters", limit=25, **filters)
        if out and out.get("next_after") is not None and random.random() < 0.5:
            after = out["next_after"]
            route = "/api/province/works?filters&after"  # works_table.js: the total is known, not counted again
            self.get(page, "/api/province/works", route, limit=25, after=after, count="false", **filters)

    def desk(self) -> None:
        """province/province_page.js: the rest of the desk (rounds, sessions, insights, hours)."""
        page = "province desk"
        self.values = self.get(page, "/api/province/filters") or {}
        self.get(page, "/api/catalogue/points")
        self.get(page, "/api/province/works", "/api/province/works", limit=25)
        self.get(page, "/api/province/rounds")
        sessions = self.get(page, "/api/recordings", "/api/recordings?kind", kind="group_session", limit=50) or []
        if ids := [r["id"] for r in sessions]:
            route = "/api/session-records?recording_id"
            self.get(page, "/api/session-records", route, recording_id=ids, limit=len(ids))
        self.get(page, "/api/province/progress")
        self.get(page, "/api/province/calibration", by="school")
        # The completion view answers from each school's counted rows above 5,000 teachers and counts
        # stale schools again after answering (api/hours/completion.py): a refresh, when due, runs
        # beside this load in one API worker's threads.
        self.get(page, "/api/province/hours")
