"""Plain factory functions with overridable defaults; each adds rows and returns them."""

from __future__ import annotations

import itertools
import uuid

from sqlalchemy.orm import Session

from api.auth.passwords import hash_password
from db.models import ProcessingJob, Recording, RecordingParticipant, ResearchGroup, School, Teacher, User

_seq = itertools.count(1)
PASSWORD = "kejian123"
_HASH = hash_password(PASSWORD)


def make_school(session: Session, **values) -> School:
    n = next(_seq)
    school = School(**{"name": f"学校{n}", "code": f"S{n:04d}-{uuid.uuid4().hex[:6]}", **values})
    session.add(school)
    session.flush()
    return school


def make_group(session: Session, school: School, **values) -> ResearchGroup:
    group = ResearchGroup(**{"school_id": school.id, "name": f"教研组{next(_seq)}", "subject": "物理", **values})
    session.add(group)
    session.flush()
    return group


def make_teacher(session: Session, school: School, group: ResearchGroup | None = None, **values) -> Teacher:
    n = next(_seq)
    teacher = Teacher(
        **{
            "school_id": school.id,
            "group_id": group.id if group else None,
            "name": f"教师{n}",
            "staff_id": f"X{n:05d}",
            "subject": group.subject if group else "物理",
            "birth_year": 1985,
            **values,
        }
    )
    session.add(teacher)
    session.flush()
    return teacher


def make_user(session: Session, role: str, *, school=None, teacher=None, group=None, **values) -> User:
    user = User(
        **{
            "username": f"{role}-{next(_seq)}",
            "password_hash": _HASH,
            "display_name": role,
            "role": role,
            "school_id": school.id if school else (teacher.school_id if teacher else None),
            "teacher_id": teacher.id if teacher else None,
            "group_id": group.id if group else (teacher.group_id if teacher else None),
            **values,
        }
    )
    session.add(user)
    session.flush()
    return user


def make_recording(
    session: Session,
    *,
    teacher: Teacher | None = None,
    group: ResearchGroup | None = None,
    participants: list[Teacher] = (),
    uploaded_by: User | None = None,
    **values,
) -> Recording:
    """A recording row as if uploaded and probed (no bytes in storage)."""
    kind = "lesson" if teacher is not None else "group_session"
    school_id = (teacher or group).school_id
    recording = Recording(
        **{
            "id": str(uuid.uuid4()),
            "kind": kind,
            "school_id": school_id,
            "group_id": group.id if group else teacher.group_id,
            "teacher_id": teacher.id if teacher else None,
            "capability_code": "A1" if kind == "lesson" else None,
            "uploaded_by": uploaded_by.id if uploaded_by else None,
            "original_key": "originals/none",
            "original_filename": "x.mp4",
            "content_type": "video/mp4",
            "size_bytes": 1,
            "sniffed_container": "mp4",
            "checks": {},
            **values,
        }
    )
    recording.participants = [RecordingParticipant(teacher_id=t.id) for t in participants]
    recording.jobs = [ProcessingJob(stage="probe", state="done", percent=100.0)]
    session.add(recording)
    session.flush()
    return recording
