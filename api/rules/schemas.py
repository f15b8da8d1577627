"""The rules' response: numbers from the settings and state lists from ``domain.workflow``."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.rules.time_zone import TimeZoneOut


class SelectionRulesOut(BaseModel):
    points_per_teacher: int = Field(description="how many points each teacher chooses")
    min_dimensions: int = Field(description="how many of the four dimensions the choice must cover at least")
    window_days: int = Field(description="length of a school's selection window, in days")
    programme_year_start: str = Field(description="MM-DD (yearly) or YYYY-MM-DD: the day ages are taken on")
    age_reference: date = Field(description="the day ages are taken on in the current programme year")


class AgeBandOut(BaseModel):
    kind: str = Field(description="senior | middle | junior")
    label_zh: str = Field(description="the band as people read it, e.g. 40–49岁")
    label_en: str
    min_age: int | None = Field(description="lowest age in the band (inclusive); null for the youngest band")
    max_age: int | None = Field(description="highest age in the band (inclusive); null for the oldest band")
    environments: list[str] = Field(description="the environments the band's teachers may choose points from")
    recommended_environments: list[str] = Field(
        description="where seed 004 recommends the band chooses (advice, never refused)"
    )
    pass_score: float = Field(description="the band's lowest passing score")


class GradingRulesOut(BaseModel):
    excellent_score: float = Field(description="the lowest 优秀 score, whatever the band")
    max_score: float = Field(description="the highest score a grader may give (scores run from 0)")


class QuotaRulesOut(BaseModel):
    group_excellent_percent: float = Field(description="a group needs 优秀 work from at least this % of its teachers")
    group_sessions_required: int = Field(description="accepted group-session recordings a group needs")
    group_session_min_duration_s: float = Field(description="the shortest group-session recording accepted, seconds")
    school_excellent_percent: float = Field(description="a school needs 优秀 work from this % of full-time teachers")


class WorkflowRulesOut(BaseModel):
    editable_states: list[str] = Field(description="states in which the author may change the recording and documents")
    awaiting_grade_states: list[str] = Field(description="states waiting for the group's grade")
    graded_states: list[str] = Field(description="states the group's grade leads to")
    province_states: list[str] = Field(description="states in which the province confirms, samples or downgrades")
    reason_required_actions: list[str] = Field(description="actions refused without a reason")
    reason_states: list[str] = Field(description="states that an action giving a reason leads to")
    verdicts: dict[str, str] = Field(description="the verdict (excellent | pass | fail) each graded state stands for")


class RulesOut(BaseModel):
    selection: SelectionRulesOut
    age_bands: list[AgeBandOut] = Field(description="oldest band first, each with its pass line")
    grading: GradingRulesOut
    quotas: QuotaRulesOut
    workflow: WorkflowRulesOut
    time_zone: TimeZoneOut = Field(description="the zone every date and time is shown in")
