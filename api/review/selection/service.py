"""A teacher's point selection: read, explain the options, save, confirm, change with approval.

Every rule comes from ``domain.selection`` (what is a valid choice) and
``domain.school_setup.check_selection_authority`` (who may choose when). A teacher choosing
their own points acts as a teacher, whatever their account's role (a leader is a teacher too);
an admin acting for a school counts as its school administrator.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from api.context import AppContext
from api.errors import Conflict, Forbidden, Unprocessable
from api.review.selection import repository
from api.review.selection.schemas import ChoiceOut, OptionsOut, SelectionOut
from api.shared import audit, refusals
from api.shared import repository as shared_rows
from api.shared import review_inputs as inputs
from api.shared.schemas import BandOut, reasons_out
from api.teachers import service as teachers
from db.base import utcnow
from db.models import PointSelection, Teacher
from db.state import apply, current
from domain import review_api_reasons as ar
from domain import review_reasons as rr
from domain.roles import Actor, Role
from domain.school_setup import SELECTIONS, ChangeApproval, SelectionEvent, SelectionStatus, check_selection_authority
from domain.selection import check_selection, recommendation_notes, remaining_choices


def _status(row: PointSelection | None) -> SelectionStatus:
    return current(row, SELECTIONS) if row is not None else SELECTIONS.initial


def _rules(session: Session, ctx: AppContext, teacher: Teacher) -> dict:
    return {
        "catalogue": inputs.catalogue_for(session, teacher.school_id),
        "setup": inputs.setup_for(session, teacher.school_id),
        "band": inputs.band_of(ctx.settings, teacher),
        **inputs.selection_rules(ctx.settings),
    }


def _band_out(rules: dict) -> BandOut:
    band = rules["band"]
    return BandOut.of(band, rules["environments_by_band"][band.kind])


def _advice(codes: Sequence[str], rules: dict) -> list:
    """Recommendations the choice does not follow: shown, never refused (seed 004 “主要”)."""
    notes = recommendation_notes(
        codes, catalogue=rules["catalogue"], band=rules["band"], environments_by_band=rules["environments_by_band"]
    )
    return reasons_out(notes)


def _out(teacher: Teacher, row: PointSelection | None, rules: dict) -> SelectionOut:
    codes = list(row.codes) if row is not None else []
    return SelectionOut(
        teacher_id=teacher.id,
        codes=codes,
        status=_status(row).value,
        version=row.version if row is not None else 0,
        chosen_by=row.chosen_by if row is not None else None,
        confirmed_at=row.confirmed_at if row is not None else None,
        updated_at=row.updated_at if row is not None else None,
        band=_band_out(rules),
        opens_on=rules["setup"].window.opens_on,
        closes_on=rules["setup"].window.closes_on,
        violations=reasons_out(check_selection(codes, **rules)),
        advice=_advice(codes, rules),
    )


_CHOOSERS = frozenset({Role.TEACHER, Role.SCHOOL_ADMIN})


def _authority_role(actor: Actor, teacher: Teacher) -> Role:
    if actor.teacher_id == teacher.id:
        return Role.TEACHER
    return Role.SCHOOL_ADMIN if actor.role in (Role.SCHOOL_ADMIN, Role.ADMIN) else actor.role


def get(session: Session, ctx: AppContext, actor: Actor, teacher_id: int) -> SelectionOut:
    teacher = teachers.get_manageable(session, actor, teacher_id)
    return _out(teacher, shared_rows.point_selection(session, teacher.id), _rules(session, ctx, teacher))


def options(
    session: Session, ctx: AppContext, actor: Actor, teacher_id: int, codes: Sequence[str] | None
) -> OptionsOut:
    """Each point the teacher could still add, and why not where it cannot (for the chooser UI)."""
    teacher = teachers.get_manageable(session, actor, teacher_id)
    rules = _rules(session, ctx, teacher)
    if codes is None:
        row = shared_rows.point_selection(session, teacher.id)
        codes = list(row.codes) if row is not None else []
    catalogue = rules["catalogue"]
    choices = []
    for choice in remaining_choices(codes, **rules):
        point = catalogue.get(choice.code)
        choices.append(
            ChoiceOut(
                code=point.code,
                name_zh=point.name_zh,
                environment=point.environment.value,
                dimension=point.dimension.value,
                allowed=choice.allowed,
                recommended=choice.recommended,
                reasons=reasons_out(choice.reasons),
            )
        )
    return OptionsOut(
        teacher_id=teacher.id,
        codes=list(codes),
        band=_band_out(rules),
        choices=choices,
        violations=reasons_out(check_selection(codes, complete=False, **rules)),
        advice=_advice(codes, rules),
    )


def _check_authority(
    ctx: AppContext, actor: Actor, teacher: Teacher, status: SelectionStatus, rules: dict, approval_reason
) -> None:
    role = _authority_role(actor, teacher)
    approval = None
    if status is SelectionStatus.CONFIRMED and role is Role.SCHOOL_ADMIN:
        approval = ChangeApproval(approver_role=role, reason=approval_reason or "")
    today = inputs.today(ctx.settings)
    found = check_selection_authority(
        actor_role=role, status=status, window=rules["setup"].window, today=today, approval=approval
    )
    if found and all(r.code == rr.SELECTION_APPROVAL_REASON_MISSING.code for r in found):
        raise Unprocessable(found[0], extra=refusals.violations(found))
    if found:
        raise refusals.refuse_authority(found)


def _refuse_dropping_used_points(session: Session, teacher_id: int, dropped: set[str]) -> None:
    """A point whose work is already under review cannot silently vanish from the selection."""
    used = repository.codes_under_review(session, teacher_id, dropped)
    if used:
        raise Conflict(ar.SELECTION_POINT_IN_USE.format(codes=", ".join(sorted(used))))


def save(
    session: Session,
    ctx: AppContext,
    actor: Actor,
    teacher_id: int,
    *,
    codes: Sequence[str],
    version: int | None,
    approval_reason: str | None,
) -> SelectionOut:
    """Store ``codes`` (possibly still incomplete) or refuse with every reason."""
    teacher = teachers.get_manageable(session, actor, teacher_id, lock=True)
    row = shared_rows.point_selection(session, teacher.id, lock=True)
    refusals.check_version(row.version if row is not None else 0, version)
    status = _status(row)
    rules = _rules(session, ctx, teacher)
    _check_authority(ctx, actor, teacher, status, rules, approval_reason)
    found = check_selection(codes, complete=status is SelectionStatus.CONFIRMED, **rules)
    if found:
        raise refusals.refuse_all(ar.SELECTION_INVALID, found)
    if row is not None:
        _refuse_dropping_used_points(session, teacher.id, set(row.codes) - set(codes))
    else:
        row = PointSelection(teacher_id=teacher.id, status=SELECTIONS.initial.value)
        session.add(row)
    changing = status is SelectionStatus.CONFIRMED
    step = apply(row, SELECTIONS, SelectionEvent.CHANGE if changing else SelectionEvent.SAVE)
    now = utcnow()
    row.codes, row.chosen_by, row.updated_at = list(codes), actor.user_id, now
    if changing:
        row.confirmed_at = now  # the approved change is itself confirmed
    refusals.flush(session)
    action, reason = ("change" if changing else "select"), (approval_reason or "").strip() or None
    audit.record_move(session, actor, ("selection", teacher.id), action, step, reason=reason)
    return _out(teacher, row, rules)


def confirm(session: Session, ctx: AppContext, actor: Actor, teacher_id: int, *, version: int | None) -> SelectionOut:
    """Fix the selection: only a complete, valid one, by whoever may choose today."""
    teacher = teachers.get_manageable(session, actor, teacher_id, lock=True)
    row = shared_rows.point_selection(session, teacher.id, lock=True)
    refusals.check_version(row.version if row is not None else 0, version)
    status = _status(row)
    rules = _rules(session, ctx, teacher)
    if _authority_role(actor, teacher) not in _CHOOSERS:
        raise Forbidden(rr.SELECTION_ROLE_NOT_ALLOWED)
    if status is SelectionStatus.CONFIRMED:
        raise Conflict(ar.SELECTION_ALREADY_CONFIRMED)
    _check_authority(ctx, actor, teacher, status, rules, None)
    if row is None:
        raise Conflict(ar.SELECTION_NOTHING_TO_CONFIRM)
    found = check_selection(row.codes, **rules)
    if found:
        raise refusals.refuse_all(ar.SELECTION_INVALID, found)
    step = apply(row, SELECTIONS, SelectionEvent.CONFIRM)
    row.chosen_by = actor.user_id
    row.confirmed_at = row.updated_at = utcnow()
    refusals.flush(session)
    audit.record_move(session, actor, ("selection", teacher.id), SelectionEvent.CONFIRM, step)
    return _out(teacher, row, rules)
