"""A round's candidates ranked once for its seed: the strata's sizes and the draw read the same ranking.

On PostgreSQL the candidates (forwarded work of schools that handed over) are ranked inside their
(school, subject) stratum by the SHA-256 of ``domain.sampling.draw_text``, the digest the domain
sorts by (bytes order as their hex does), into a temporary table dropped with the transaction. The
strata are counted from it and the draw takes each stratum's first ``drawn``: one pass over the
candidates instead of two (0.25 s of a round over 130,000), and none of them travels to Python.
Elsewhere (SQLite) the candidates are read once and the domain draws (``domain.sampling.draw_within``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Integer, String, and_, bindparam, cast, column, func, literal, select, table
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from api.review.province import repository
from api.review.province.repository import CandidateRow
from db.models import School, Submission, Teacher
from domain.sampling import Stratum, draw_text, draw_within

_TABLE = "round_candidates"
_RANKED = table(
    _TABLE, column("id", Integer), column("school_id", Integer), column("subject", String), column("rank", Integer)
)


class StratumRow(NamedTuple):
    """A (school, subject) stratum of a round's candidates and how many it holds."""

    school_id: int
    school_name: str
    subject: str
    size: int


class RankedCandidates:
    """The candidates of a round drawn with ``seed``, in ``session``'s transaction."""

    def __init__(self, session: Session, seed: str) -> None:
        self._session = session
        self._seed = seed
        self._in_database = session.get_bind().dialect.name == "postgresql"
        self._rows: list[CandidateRow] = [] if self._in_database else repository.candidates(session)
        if self._in_database:
            self._rank()

    def _rank(self) -> None:
        prefix = literal(draw_text(self._seed, ""), String)
        order = func.sha256(func.convert_to(prefix + cast(Submission.id, String), "UTF8"))
        rank = func.row_number().over(partition_by=(Teacher.school_id, Teacher.subject), order_by=order)
        query = repository.candidate_query(Submission.id, Teacher.school_id, Teacher.subject, rank.label("rank"))
        compiled = query.compile(dialect=self._session.get_bind().dialect)
        connection = self._session.connection()
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS pg_temp.{_TABLE}")  # a second plan in one transaction
        connection.exec_driver_sql(f"CREATE TEMP TABLE {_TABLE} ON COMMIT DROP AS {compiled}", compiled.params)

    def strata(self) -> list[StratumRow]:
        """Each stratum with its school's name and its size: all a round's shares need."""
        if not self._in_database:
            sizes = Counter((r.school_id, r.school_name, r.subject) for r in self._rows)
            return [StratumRow(*key, size) for key, size in sizes.items()]
        r = _RANKED
        query = (
            select(r.c.school_id, School.name, r.c.subject, func.count())
            .join(School, School.id == r.c.school_id)
            .group_by(r.c.school_id, School.name, r.c.subject)
        )
        return list(map(StratumRow._make, self._session.execute(query).tuples()))

    def drawn(self, shares: Sequence[Stratum]) -> list[int]:
        """The candidates each stratum's share draws, by id."""
        wanted = [s for s in shares if s.drawn]
        if not wanted:
            return []
        if not self._in_database:
            strata: dict[tuple[str, str], list[CandidateRow]] = defaultdict(list)
            for row in self._rows:
                strata[(str(row.school_id), row.subject)].append(row)
            return sorted(int(c.submission_id) for c in draw_within(strata, wanted, seed=self._seed))
        quota = (
            func.unnest(
                bindparam("schools", [int(s.school_id) for s in wanted], type_=ARRAY(Integer)),
                bindparam("subjects", [s.subject for s in wanted], type_=ARRAY(String)),
                bindparam("quotas", [s.drawn for s in wanted], type_=ARRAY(Integer)),
            )
            .table_valued("school_id", "subject", "quota")
            .render_derived(name="quota")
        )
        r = _RANKED
        query = (
            select(r.c.id)
            .join(quota, and_(quota.c.school_id == r.c.school_id, quota.c.subject == r.c.subject))
            .where(r.c.rank <= quota.c.quota)
            .order_by(r.c.id)
        )
        return list(self._session.scalars(query))
