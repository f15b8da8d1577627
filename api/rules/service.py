"""The rules read from the one ``Settings`` object and from ``domain/``: no database, no request state.

The state lists are derived from ``domain.workflow.TABLE`` rather than restated, so a change
to the table reaches the UI without a second edit.
"""

from __future__ import annotations

from collections.abc import Iterable

from api.rules.schemas import (
    AgeBandOut,
    GradingRulesOut,
    QuotaRulesOut,
    RulesOut,
    SelectionRulesOut,
    WorkflowRulesOut,
)
from api.rules.time_zone import time_zone_out
from config import Settings
from domain.age_bands import AgeBand, age_reference_date, band_for_age, pass_line_for
from domain.catalogue import Environment, in_order
from domain.roles import Role
from domain.school_time import today_in
from domain.workflow import EDITABLE_STATES, TABLE, VERDICTS, Action, State

_SCORES = frozenset({Action.SCORE_EXCELLENT, Action.SCORE_PASS, Action.SCORE_FAIL})


def rules(settings: Settings) -> RulesOut:
    """Every rule the UI shows or acts on, as this server applies it."""
    return RulesOut(
        selection=SelectionRulesOut(
            points_per_teacher=settings.review_points_per_teacher,
            min_dimensions=settings.review_min_dimensions,
            window_days=settings.review_selection_window_days,
            programme_year_start=settings.review_programme_year_start,
            age_reference=age_reference_date(today_in(settings.zone), settings.review_programme_year_start),
        ),
        age_bands=[_band_out(band, settings) for band in age_bands(settings)],
        grading=GradingRulesOut(excellent_score=settings.review_excellent_score, max_score=settings.review_max_score),
        quotas=QuotaRulesOut(
            group_excellent_percent=settings.review_group_excellent_percent,
            group_sessions_required=settings.review_group_sessions_required,
            group_session_min_duration_s=settings.group_session_min_duration_s,
            school_excellent_percent=settings.review_school_excellent_percent,
        ),
        workflow=WorkflowRulesOut(
            editable_states=_ordered(EDITABLE_STATES),
            awaiting_grade_states=_ordered(state for state, action in TABLE if action in _SCORES),
            graded_states=_ordered(edge.to_state for (_, action), edge in TABLE.items() if action in _SCORES),
            province_states=_ordered(
                state for (state, _), edge in TABLE.items() if Role.PROVINCIAL_REVIEWER in edge.roles
            ),
            reason_required_actions=_ordered_actions(
                action for (_, action), edge in TABLE.items() if edge.reason_required
            ),
            reason_states=_ordered(edge.to_state for edge in TABLE.values() if edge.reason_required),
            verdicts={state.value: level.value for state, level in VERDICTS.items()},
        ),
        time_zone=time_zone_out(settings),
    )


def age_bands(settings: Settings) -> tuple[AgeBand, ...]:
    """The three bands with this server's boundaries, oldest first."""
    bounds = dict(middle_from=settings.review_age_band_middle_from, senior_from=settings.review_age_band_senior_from)
    ages = (settings.review_age_band_senior_from, settings.review_age_band_middle_from, 0)
    return tuple(band_for_age(age, **bounds) for age in ages)


def _ordered_envs(environments: frozenset[Environment]) -> list[str]:
    return [e.value for e in in_order(environments)]


def _band_out(band: AgeBand, settings: Settings) -> AgeBandOut:
    environments = settings.review_environments_by_band[band.kind]
    pass_score = pass_line_for(
        band.kind,
        senior=settings.review_pass_score_senior,
        middle=settings.review_pass_score_middle,
        junior=settings.review_pass_score_junior,
    )
    return AgeBandOut(
        kind=band.kind.value,
        label_zh=band.zh,
        label_en=band.en,
        min_age=band.min_age,
        max_age=band.max_age,
        environments=_ordered_envs(environments.allowed),
        recommended_environments=_ordered_envs(environments.recommended),
        pass_score=pass_score,
    )


def _ordered(states: Iterable[State]) -> list[str]:
    """Each state once, in the workflow's own order (draft first)."""
    wanted = set(states)
    return [state.value for state in State if state in wanted]


def _ordered_actions(actions: Iterable[Action]) -> list[str]:
    wanted = set(actions)
    return [action.value for action in Action if action in wanted]
