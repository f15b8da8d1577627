"""Rows of a synthetic province, one school at a time, for ``bench.province`` to COPY.

Everything is drawn from one seeded ``random.Random`` while walking schools in order, so the same
scale and seed give the same province, and nothing but the current school's rows is held in
memory. Sizes follow the issue's full scale (``scale=1.0``): 2,000 schools, 300,000 teachers,
1,000,000 recordings, 1,500,000 submissions, 10,000,000 audit rows. Schools are skewed (a
log-normal spread with a few schools of thousands of teachers); submissions walk the real
workflow (``domain.workflow.TABLE``) to their state, each step an audit row; stage jobs sit in
states ``domain.stages.JOBS`` allows.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from domain.catalogue import load_seed_catalogue
from domain.roles import Role
from domain.school_handover import HandoverState
from domain.stages import RECORDING_STAGES, StageState
from domain.workflow import Action, State

FULL = {"schools": 2000, "teachers": 300_000, "recordings": 1_000_000, "submissions": 1_500_000, "audit": 10_000_000}
SUBJECTS = ("语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "音乐", "体育", "美术", "信息技术")
CODES = load_seed_catalogue().codes  # the national list's 30 points
DISTRICTS = 120
GROUP_SIZE = 15
EPOCH = datetime(2026, 3, 1, tzinfo=timezone.utc)
HANDED_OVER_SHARE = 0.85

# The columns COPY fills, per table (the order rows are yielded in).
COLUMNS = {
    "schools": ("id", "name", "code", "province", "district", "created_at"),
    "school_setups": ("school_id", "environments", "offered_codes", "opens_on", "closes_on", "updated_at"),
    "research_groups": ("id", "school_id", "name", "subject"),
    "point_selections": ("teacher_id", "codes", "status", "confirmed_at", "updated_at", "version"),
    "school_handovers": (
        "school_id",
        "state",
        "handed_over_at",
        "handed_over_by",
        "excellent_count",
        "full_time_teachers",
        "version",
    ),
    "teachers": (
        "id",
        "school_id",
        "group_id",
        "name",
        "staff_id",
        "subject",
        "birth_year",
        "full_time",
        "cohort_year",
    ),
    "users": (
        "id",
        "username",
        "password_hash",
        "display_name",
        "role",
        "school_id",
        "teacher_id",
        "group_id",
        "is_active",
        "must_change_password",
        "created_at",
    ),
    "recordings": (
        "id",
        "kind",
        "school_id",
        "group_id",
        "teacher_id",
        "capability_code",
        "uploaded_by",
        "original_key",
        "original_filename",
        "content_type",
        "size_bytes",
        "sniffed_container",
        "created_at",
        "duration_s",
        "checks",
        "checks_ok",
        "duplicate_flagged",
        "analysis",
    ),
    "recording_participants": ("recording_id", "teacher_id"),
    "processing_jobs": (
        "id",
        "recording_id",
        "stage",
        "state",
        "percent",
        "attempts",
        "requeues",
        "queued_at",
        "finished_at",
        "updated_at",
    ),
    "submissions": (
        "id",
        "teacher_id",
        "school_id",
        "subject",
        "capability_code",
        "state",
        "recording_id",
        "item_grades",
        "score",
        "scored_by",
        "created_at",
        "updated_at",
        "version",
    ),
    "audit_log": (
        "id",
        "entity_type",
        "entity_id",
        "actor_id",
        "action",
        "from_state",
        "to_state",
        "reason",
        "at",
        "school_id",
    ),
    "timed_comments": ("id", "recording_id", "author_id", "at_s", "text", "created_at", "updated_at"),
    "peer_assignments": (
        "id",
        "viewer_teacher_id",
        "submission_id",
        "recording_id",
        "pool",
        "assigned_at",
        "played",
        "played_share",
        "counted_at",
        "version",
    ),
    "peer_comments": ("id", "assignment_id", "rating", "text", "created_at", "updated_at"),
    "online_hour_entries": ("id", "teacher_id", "kind", "course", "course_key", "hours", "updated_at"),
}

# How submissions end up, by weight (every workflow state, most work graded, some forwarded on).
_FINAL = (
    (State.DRAFT, 8),
    (State.SUBMITTED, 10),
    (State.RESUBMITTED, 3),
    (State.RETURNED, 4),
    (State.SCORED_FAIL, 3),
    (State.SCORED_PASS, 35),
    (State.SCORED_EXCELLENT, 12),
    (State.FORWARDED, 10),
    (State.SAMPLED, 2),
    (State.CONFIRMED, 11),
    (State.DOWNGRADED, 2),
)
_TO_EXCELLENT = (Action.SUBMIT, Action.SCORE_EXCELLENT)
_PATHS = {
    State.DRAFT: (),
    State.SUBMITTED: (Action.SUBMIT,),
    State.RETURNED: (Action.SUBMIT, Action.RETURN),
    State.RESUBMITTED: (Action.SUBMIT, Action.RETURN, Action.RESUBMIT),
    State.SCORED_FAIL: (Action.SUBMIT, Action.SCORE_FAIL),
    State.SCORED_PASS: (Action.SUBMIT, Action.SCORE_PASS),
    State.SCORED_EXCELLENT: _TO_EXCELLENT,
    State.FORWARDED: (*_TO_EXCELLENT, Action.FORWARD),
    State.SAMPLED: (*_TO_EXCELLENT, Action.FORWARD, Action.SAMPLE),
    State.CONFIRMED: (*_TO_EXCELLENT, Action.FORWARD, Action.CONFIRM),
    State.DOWNGRADED: (*_TO_EXCELLENT, Action.FORWARD, Action.DOWNGRADE),
}
_NEXT = {
    Action.SUBMIT: State.SUBMITTED,
    Action.RETURN: State.RETURNED,
    Action.RESUBMIT: State.RESUBMITTED,
    Action.SCORE_FAIL: State.SCORED_FAIL,
    Action.SCORE_PASS: State.SCORED_PASS,
    Action.SCORE_EXCELLENT: State.SCORED_EXCELLENT,
    Action.FORWARD: State.FORWARDED,
    Action.SAMPLE: State.SAMPLED,
    Action.CONFIRM: State.CONFIRMED,
    Action.DOWNGRADE: State.DOWNGRADED,
}
_REASONED = {Action.RETURN, Action.SCORE_FAIL, Action.DOWNGRADE}
_ANALYSIS = json.dumps({"effective_s": 2400.0, "padding_s": 12.0, "participants": {}})
_CHECKS_OK = json.dumps({"duration": {"ok": True}})
_CHECKS_DUP = json.dumps({"duration": {"ok": True}, "duplicate": {"ok": True, "warn": True, "code": "near_duplicate"}})
_CHECKS_BAD = json.dumps({"duration": {"ok": False, "code": "too_short", "message_zh": "时长不足"}})


@dataclass
class Sizes:
    schools: int
    teachers: int
    recordings: int
    submissions: int
    audit: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        n = {k: max(1, round(v * scale)) for k, v in FULL.items()}
        return cls(max(3, n["schools"]), max(60, n["teachers"]), n["recordings"], n["submissions"], n["audit"])


@dataclass
class Counters:
    """The next id of every table with an integer key, and how many rows went where."""

    ids: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def next(self, table: str) -> int:
        value = self.ids.get(table, 0) + 1
        self.ids[table] = value
        return value


def school_sizes(sizes: Sizes, rng: random.Random) -> list[int]:
    """Teachers per school: log-normal (σ 1.2): at full scale the largest has about 5,000, the median ~70."""
    weights = [rng.lognormvariate(0.0, 1.2) for _ in range(sizes.schools)]
    total = sum(weights)
    counts = [max(5, int(w / total * sizes.teachers)) for w in weights]
    counts[counts.index(max(counts))] += max(0, sizes.teachers - sum(counts))
    return counts


def _ts(rng: random.Random, days: float = 120.0) -> datetime:
    return EPOCH + timedelta(seconds=rng.random() * days * 86400)


def _rid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class Province:
    """Walks the province school by school, yielding (table, row) pairs; state kept is per school."""

    def __init__(self, scale: float, seed: int, password_hash: str) -> None:
        self.sizes = Sizes.at(scale)
        self.rng = random.Random(seed)
        self.password_hash = password_hash
        self.c = Counters()
        # Per-teacher rates that make the totals come out at the figures.
        self.subs_per_teacher = self.sizes.submissions / self.sizes.teachers
        lessons = round(self.sizes.recordings * 0.9)
        drafts = dict(_FINAL)[State.DRAFT] / sum(w for _, w in _FINAL)
        self.recording_share = min(1.0, lessons / (self.sizes.submissions * (1 - drafts)))
        self.sessions_per_group = (self.sizes.recordings - lessons) / max(1, self.sizes.teachers / GROUP_SIZE)
        self.audit_budget = self.sizes.audit

    def rows(self) -> Iterator[tuple[str, tuple]]:
        counts = school_sizes(self.sizes, self.rng)
        yield from self._reviewers()
        remaining_audit_schools = len(counts)
        for school_id, teachers in enumerate(counts, start=1):
            yield from self._school(school_id, teachers, remaining_audit_schools)
            remaining_audit_schools -= 1

    def _reviewers(self) -> Iterator[tuple[str, tuple]]:
        for n in range(1, 6):
            uid = self.c.next("users")
            row = (uid, f"province{n}", self.password_hash, f"省级评审{n}", Role.PROVINCIAL_REVIEWER.value)
            yield "users", (*row, None, None, None, True, False, EPOCH)

    def _school(self, school_id: int, teachers: int, schools_left: int) -> Iterator[tuple[str, tuple]]:
        rng, c = self.rng, self.c
        yield (
            "schools",
            (school_id, f"学校{school_id}", f"S{school_id:05d}", "default", f"D{school_id % DISTRICTS:03d}", EPOCH),
        )
        offered = json.dumps(list(CODES))
        yield (
            "school_setups",
            (school_id, '["multimedia", "hybrid"]', offered, date(2026, 3, 1), date(2026, 6, 30), EPOCH),
        )
        admin = c.next("users")
        yield (
            "users",
            (admin, f"admin{school_id}", self.password_hash, f"管理员{school_id}", Role.SCHOOL_ADMIN.value)[:5]
            + (school_id, None, None, True, False, EPOCH),
        )
        groups = []
        for g in range(max(1, math.ceil(teachers / GROUP_SIZE))):
            gid = c.next("research_groups")
            subject = SUBJECTS[g % len(SUBJECTS)]
            groups.append((gid, subject, []))
            yield "research_groups", (gid, school_id, f"{subject}组{g + 1}", subject)
        staff = []  # (teacher_id, user_id, group_id)
        for n in range(teachers):
            gid, subject, members = groups[n % len(groups)]
            tid, uid = c.next("teachers"), c.next("users")
            cohort = rng.choices((2020, 2021, 2022), (3, 5, 2))[0]
            yield (
                "teachers",
                (tid, school_id, gid, f"教师{tid}", f"T{n + 1:05d}", subject, 1965 + tid % 35, n % 20 != 0, cohort),
            )
            leader = not members
            role = Role.GROUP_LEADER if leader else Role.TEACHER
            yield (
                "users",
                (uid, f"t{tid}", self.password_hash, f"教师{tid}", role.value, school_id, tid, gid, True, False, EPOCH),
            )
            members.append((tid, uid))
            staff.append((tid, uid, gid))
        leaders = {gid: members[0][1] for gid, _, members in groups}
        audit_left = [self.audit_budget]
        subs: list[tuple[int, str, int]] = []  # (submission id, recording id, teacher id) of forwarded work
        subjects = {gid: subject for gid, subject, _ in groups}
        for tid, uid, gid in staff:
            author = (school_id, subjects[gid], tid, uid, gid)
            yield from self._teacher(author, leaders[gid], admin, audit_left, subs)
        for gid, _, members in groups:
            yield from self._sessions(school_id, gid, members)
        yield from self._peer(staff, subs)
        yield from self._handover(school_id, admin, teachers, subs)
        # Audit rows beyond the workflow's: views of face crops, spread over the rest of the budget.
        spent = self.audit_budget - audit_left[0]
        self.audit_budget -= spent
        extra = max(0, self.audit_budget // schools_left) if schools_left else 0
        extra = int(extra * min(3.0, teachers / (self.sizes.teachers / self.sizes.schools)))
        extra = min(extra, self.audit_budget)
        self.audit_budget -= extra
        for _ in range(extra):
            tid, uid, gid = staff[rng.randrange(len(staff))]
            yield (
                "audit_log",
                (
                    c.next("audit_log"),
                    "teacher",
                    str(tid),
                    leaders[gid],
                    "view_face",
                    None,
                    None,
                    None,
                    _ts(rng),
                    school_id,
                ),
            )
        for tid, _, _ in staff:
            for k in range(rng.randrange(0, 5)):
                yield (
                    "online_hour_entries",
                    (
                        c.next("online_hour_entries"),
                        tid,
                        "online",
                        f"网络课程{k}",
                        f"网络课程{k}",
                        float(rng.randrange(1, 20)),
                        _ts(rng),
                    ),
                )

    def _handover(self, school_id, admin, teachers, forwarded):
        """Most schools that forwarded work have handed it over (学校提交), so the province samples them."""
        if forwarded and self.rng.random() < HANDED_OVER_SHARE:
            at = EPOCH + timedelta(days=100)
            full_time = teachers - math.ceil(teachers / 20)  # every 20th teacher is not full-time
            state = HandoverState.HANDED_OVER.value
            yield "school_handovers", (school_id, state, at, admin, len(forwarded), full_time, 1)

    def _teacher(self, author, leader_uid, admin_uid, audit_left, forwarded):
        school_id, subject, tid, uid, gid = author
        rng, c = self.rng, self.c
        k = min(len(CODES), max(0, round(rng.gauss(self.subs_per_teacher, 1.5))))
        codes = rng.sample(CODES, k)
        if codes:
            chosen = json.dumps(codes[:3])
            status, confirmed = ("confirmed", EPOCH) if len(codes) >= 3 else ("draft", None)
            yield "point_selections", (tid, chosen, status, confirmed, EPOCH, 1)
        for code in codes:
            sid = c.next("submissions")
            final = rng.choices([s for s, _ in _FINAL], [w for _, w in _FINAL])[0]
            path = _PATHS[final]
            recording = None
            created = _ts(rng, 60)
            # Drafts have no recording yet; of the rest, enough have one for the 900,000 lessons.
            if final is not State.DRAFT and rng.random() < self.recording_share:
                recording = yield from self._recording(school_id, gid, tid, code, uid, created)
            at, state = created, State.DRAFT
            for action in path:
                at += timedelta(hours=rng.random() * 72)
                actor = {Action.SUBMIT: uid, Action.RESUBMIT: uid, Action.FORWARD: admin_uid}.get(action)
                if action in (Action.SAMPLE, Action.CONFIRM, Action.DOWNGRADE):
                    actor = 1 + rng.randrange(5)
                actor = actor or leader_uid
                new = _NEXT[action]
                reason = "需要补充材料" if action in _REASONED else None
                yield (
                    "audit_log",
                    (
                        c.next("audit_log"),
                        "submission",
                        str(sid),
                        actor,
                        action.value,
                        state.value,
                        new.value,
                        reason,
                        at,
                        school_id,
                    ),
                )
                audit_left[0] -= 1
                state = new
            graded = final not in (State.DRAFT, State.SUBMITTED, State.RESUBMITTED, State.RETURNED)
            grades = json.dumps({"I1": "excellent"}) if graded else "{}"
            score = float(rng.randrange(60, 100)) if graded else None
            yield (
                "submissions",
                (
                    sid,
                    tid,
                    school_id,
                    subject,
                    code,
                    final.value,
                    recording,
                    grades,
                    score,
                    leader_uid if graded else None,
                    created,
                    at,
                    1 + len(path),
                ),
            )
            if final in (State.FORWARDED, State.SAMPLED, State.CONFIRMED) and recording:
                forwarded.append((sid, recording, tid))

    def _recording(self, school_id, gid, tid, code, uid, created):
        rng, c = self.rng, self.c
        rid = _rid(rng)
        roll = rng.random()
        checks = _CHECKS_BAD if roll < 0.03 else _CHECKS_DUP if roll < 0.05 else _CHECKS_OK
        kind = "lesson" if tid else "group_session"
        # Most recordings finished their stages; the newest are still queued, running or failed.
        stage_roll = rng.random()
        done = stage_roll >= 0.04
        duration = 600.0 + rng.random() * 2400 if done else None
        size = rng.randrange(100, 1500) * 1024 * 1024
        row = (rid, kind, school_id, gid, tid, code, uid, f"originals/{rid}", "课堂实录.mp4", "video/mp4", size, "mp4")
        yield (
            "recordings",
            (*row, created, duration, checks, roll >= 0.03, 0.03 <= roll < 0.05, _ANALYSIS if done else None),
        )
        for n, stage in enumerate(RECORDING_STAGES):
            if done:
                state = StageState.DONE
            else:
                state = (StageState.QUEUED, StageState.RUNNING, StageState.FAILED)[min(2, int(stage_roll * 75))]
                state = state if n == 0 else StageState.QUEUED
            end = created + timedelta(minutes=5 * (n + 1)) if state in (StageState.DONE, StageState.FAILED) else None
            pct = 100.0 if state is StageState.DONE else 0.0
            yield (
                "processing_jobs",
                (c.next("processing_jobs"), rid, stage.value, state.value, pct, 1, 0, created, end, end or created),
            )
        for _ in range(rng.choices((0, 1, 3, 8), (50, 25, 15, 10))[0]):
            at = created + timedelta(days=rng.random() * 10)
            yield (
                "timed_comments",
                (c.next("timed_comments"), rid, uid, rng.random() * 600, "这里的提问设计很好", at, at),
            )
        return rid

    def _sessions(self, school_id, gid, members):
        rng = self.rng
        n = int(self.sessions_per_group) + (rng.random() < self.sessions_per_group % 1)
        for _ in range(n):
            created = _ts(rng)
            rid = yield from self._recording(school_id, gid, None, None, members[0][1], created)
            for tid, _ in rng.sample(members, min(len(members), 8)):
                yield "recording_participants", (rid, tid)

    def _peer(self, staff, forwarded):
        """Two pushed peer lessons per teacher (when the school forwarded any), half of them commented."""
        rng, c = self.rng, self.c
        if not forwarded:
            return
        for tid, _, _ in staff:
            picks = {f for f in (rng.choice(forwarded) for _ in range(2)) if f[2] != tid}
            for sid, rid, _ in picks:
                aid = c.next("peer_assignments")
                at = _ts(rng)
                share = rng.random()
                counted = at + timedelta(days=1) if share >= 0.8 else None
                yield (
                    "peer_assignments",
                    (aid, tid, sid, rid, "school", at, json.dumps([[0.0, share * 1800]]), share, counted, 1),
                )
                if counted and rng.random() < 0.6:
                    yield "peer_comments", (c.next("peer_comments"), aid, "excellent", "值得学习", counted, counted)
