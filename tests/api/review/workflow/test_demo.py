"""The demo school is ready for the review workflow: a valid setup, an open window, a catalogue."""

from __future__ import annotations

from sqlalchemy import func, select

from api.demo import OFFERED, seed
from api.shared import review_inputs
from db.models import CatalogueVersion, SchoolSetup, Teacher, User
from domain.school_setup import check_school_setup
from domain.selection import TeacherBand, check_offer_covers_teachers, offer_notes


def test_the_demo_setup_lets_every_demo_teacher_choose(api):
    with api.transaction() as s:
        (setup_row,) = s.scalars(select(SchoolSetup)).all()
        setup = review_inputs.setup_for(s, setup_row.school_id)
        catalogue = review_inputs.catalogue_for(s, setup_row.school_id)
        teachers = list(s.scalars(select(Teacher)))
    today = review_inputs.today(api.settings)
    assert setup.window.is_open(today) and sorted(setup.offered_codes) == sorted(OFFERED)
    assert check_school_setup(setup, catalogue) == ()
    people = [TeacherBand(t.name, review_inputs.band_of(api.settings, t)) for t in teachers]
    assert {p.band.kind.value for p in people} == {"junior", "middle", "senior"}
    rules = review_inputs.selection_rules(api.settings)
    assert check_offer_covers_teachers(people, catalogue=catalogue, setup=setup, **rules) == ()
    # every band also finds its recommended environments among the demo's points
    assert offer_notes(people, catalogue=catalogue, setup=setup) == ()


def test_seeding_again_changes_nothing(api):
    def counts(s):
        return [s.scalar(select(func.count()).select_from(m)) for m in (SchoolSetup, CatalogueVersion, User, Teacher)]

    with api.transaction() as s:
        before = counts(s)
        window = s.scalars(select(SchoolSetup.closes_on)).one()
    with api.transaction() as s:
        accounts = seed(s, window_days=3)
    with api.transaction() as s:
        assert counts(s) == before == [1, 1, 5, 10]
        assert s.scalars(select(SchoolSetup.closes_on)).one() == window  # existing rows are left alone
    assert [a[0] for a in accounts] == ["teacher", "leader", "schooladmin", "reviewer", "admin"]
