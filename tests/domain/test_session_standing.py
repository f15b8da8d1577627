"""Whether a group session counts, and why not (issue 16): a pure rule over stage states, checks, acceptance."""

from __future__ import annotations

import pytest

from domain.recordings import SessionStanding, counts_as_session, session_standing
from domain.stages import Stage, StageState

DONE = {Stage.PROBE: StageState.DONE, Stage.ANALYZE: StageState.DONE, Stage.TRANSCODE: StageState.DONE}


@pytest.mark.parametrize(
    ("stages", "checks_ok", "accepted", "standing"),
    [
        (DONE, True, False, SessionStanding.COUNTS),
        (DONE, False, False, SessionStanding.CHECKS_FAILED),
        (DONE, False, True, SessionStanding.COUNTS_ACCEPTED),
        (DONE, True, True, SessionStanding.COUNTS),  # an acceptance over passed checks changes nothing
        ({**DONE, Stage.ANALYZE: StageState.QUEUED}, True, False, SessionStanding.PROCESSING),
        ({**DONE, Stage.ANALYZE: StageState.RUNNING}, False, True, SessionStanding.PROCESSING),
        ({**DONE, Stage.IDENTIFY: StageState.QUEUED}, True, True, SessionStanding.PROCESSING),
        ({Stage.PROBE: StageState.DONE}, True, False, SessionStanding.COUNTS),  # no further stage queued
        ({**DONE, Stage.TRANSCODE: StageState.FAILED}, True, True, SessionStanding.FAILED),
        ({}, True, False, SessionStanding.PROCESSING),
    ],
)
def test_a_session_counts_once_processed_and_passed_or_accepted(stages, checks_ok, accepted, standing):
    assert session_standing(stages, checks_ok=checks_ok, accepted=accepted) is standing
    counted = standing in (SessionStanding.COUNTS, SessionStanding.COUNTS_ACCEPTED)
    assert counts_as_session(stages, checks_ok=checks_ok, accepted=accepted) is counted
