"""Who may administer or read which school or group.

Two steps, so nothing can be probed: a role that may never use an endpoint gets 403 whatever
the id; a role limited to its own school or group gets 404 for any other id, exactly as for
an id that does not exist.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.errors import Forbidden, NotFound
from api.shared import repository
from db.models import ResearchGroup, School
from domain.roles import Actor, Role, same_id

ADMIN = frozenset({Role.ADMIN})
ADMINS = frozenset({Role.ADMIN, Role.SCHOOL_ADMIN})
EVERYWHERE = frozenset({Role.ADMIN, Role.PROVINCIAL_REVIEWER})
ANYONE = frozenset(Role)


def require_role(actor: Actor, allowed: frozenset[Role]) -> None:
    if actor.role not in allowed:
        raise Forbidden()


def school_for(session: Session, actor: Actor, school_id: int, *, allowed: frozenset[Role]) -> School:
    """The school, if ``actor``'s role is allowed and it is theirs (or they see every school)."""
    require_role(actor, allowed)
    school = repository.school(session, school_id)
    if school is None or (actor.role not in EVERYWHERE and not same_id(actor.school_id, school.id)):
        raise NotFound("学校", "School")
    return school


def group_for(
    session: Session, actor: Actor, group_id: int, *, allowed: frozenset[Role], lock: bool = False
) -> ResearchGroup:
    """The group, if the role is allowed and it is in the actor's school (or group, for members).

    ``lock`` takes the group's row lock (``repository.lock_group``), first of the locks.
    """
    require_role(actor, allowed)
    group = repository.lock_group(session, group_id) if lock else repository.group(session, group_id)
    if group is None or not _group_in_scope(actor, group):
        raise NotFound("教研组", "Research group")
    return group


def _group_in_scope(actor: Actor, group: ResearchGroup) -> bool:
    if actor.role in EVERYWHERE:
        return True
    if actor.role is Role.SCHOOL_ADMIN:
        return same_id(actor.school_id, group.school_id)
    # Group leaders and teachers: their own group only.
    return same_id(actor.group_id, group.id)
