"""What the statistics count, and what they may show: the words of `/v1/stats/*`.

The queries live in `app/db/repositories/reports.py`; the rules they share are here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import TypeVar

from .errors import DomainError

K = TypeVar("K")
R = TypeVar("R")
C = TypeVar("C")


class Dimension(StrEnum):
    """What `group_by` may name."""

    ORIGIN_COUNTRY = "origin_country"  # the referrer's country; a walk-in's: its residence
    RECEIVING_ORGANIZATION = "receiving_organization"
    SPECIALTY = "specialty"
    CARE_SETTING = "care_setting"
    ROUTE = "route"  # the coverage route
    AGREEMENT = "agreement"
    STATUS = "status"  # the case's status now
    MONTH = "month"  # the month the case was created (UTC), YYYY-MM


# The grouping of `/v1/stats/flows` when none is asked (what it always was).
DEFAULT_GROUPING = (
    Dimension.ORIGIN_COUNTRY,
    Dimension.RECEIVING_ORGANIZATION,
    Dimension.SPECIALTY,
)


class Stage(StrEnum):
    """A lead time: from one milestone of the journey to the next, in days."""

    SUBMITTED_TO_DECISION = "submitted_to_decision"  # accepted or declined
    SUBMITTED_TO_ACCEPTED = "submitted_to_accepted"
    ACCEPTED_TO_FUNDING_APPROVED = "accepted_to_funding_approved"
    FUNDING_APPROVED_TO_ARRIVED = "funding_approved_to_arrived"
    DECISION_TO_ADMISSION = "decision_to_admission"
    LENGTH_OF_STAY = "length_of_stay"  # admission to discharge


# Lead times that run while the case waits on the referrer (an information request):
# that wait is the referrer's, not the receiving side's, and is left out.
STAGES_WITHOUT_REFERRER_WAIT = frozenset({Stage.SUBMITTED_TO_DECISION, Stage.SUBMITTED_TO_ACCEPTED})


class UnknownDimension(DomainError):
    def __init__(self, unknown: list[str]) -> None:
        super().__init__(
            "unknown_group_by",
            f"group_by may name {', '.join(d.value for d in Dimension)}; not {', '.join(unknown)}",
        )
        self.unknown = unknown


def grouping(values: Iterable[str] | None) -> tuple[Dimension, ...]:
    """`group_by=a,b&group_by=c` as dimensions, in the order given, each once."""
    names = [name.strip() for value in values or () for name in value.split(",")]
    names = [name for name in names if name]
    if not names:
        return DEFAULT_GROUPING
    known = {d.value for d in Dimension}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise UnknownDimension(unknown)
    return tuple(Dimension(name) for name in dict.fromkeys(names))


def asked(values: Iterable[str] | None) -> bool:
    """Whether `group_by` names anything (else each audience gets its default)."""
    return any(name.strip() for value in values or () for name in value.split(","))


def suppressed(count: int | None, threshold: int) -> bool:
    """A count that could single out a patient: at least one case, fewer than the
    threshold. Zero says nothing about anyone and is shown."""
    return count is not None and 0 < count < threshold


# -- what an aggregates-only audience may ask ------------------------------------------------
#
# A coordination body (and the platform admin) reads the corridor's figures, never a case.
# Two answers whose periods differ by a day used to differ by one patient (issue 23): so its
# periods are whole calendar months, every figure it gets is one month's (`month` is always
# among its dimensions, no figure sums across months), and it crosses at most two other
# dimensions (the protection below is exact for a table and its row and column totals).

# Its grouping when none is asked (the hospitals' default crosses three dimensions).
AGGREGATE_DEFAULT_GROUPING = (Dimension.ORIGIN_COUNTRY, Dimension.RECEIVING_ORGANIZATION)
AGGREGATE_MAX_DIMENSIONS = 2  # besides the month


class PeriodNotWholeMonths(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "stats_period_not_whole_months",
            "Statistics without case access cover whole calendar months: `from` must be the "
            "first day of a month and `to` the last day of a month.",
        )


class GroupingTooFine(DomainError):
    def __init__(self) -> None:
        super().__init__(
            "stats_grouping_too_fine",
            f"Statistics without case access cross at most {AGGREGATE_MAX_DIMENSIONS} "
            "dimensions besides the month.",
        )


def check_whole_months(since: date | None, until: date | None) -> None:
    """Refused, not widened: a widened answer would silently differ from what was asked."""
    if since is not None and since.day != 1:
        raise PeriodNotWholeMonths()
    if until is not None and (until + timedelta(days=1)).day != 1:
        raise PeriodNotWholeMonths()


def aggregate_grouping(asked: tuple[Dimension, ...], explicit: bool) -> tuple[Dimension, ...]:
    """The grouping an aggregates-only audience gets: what it asked (or its default), with
    the month last when it did not name it; more than two other dimensions is refused."""
    chosen = asked if explicit else AGGREGATE_DEFAULT_GROUPING
    others = tuple(dimension for dimension in chosen if dimension is not Dimension.MONTH)
    if len(others) > AGGREGATE_MAX_DIMENSIONS:
        raise GroupingTooFine()
    return chosen if Dimension.MONTH in chosen else (*chosen, Dimension.MONTH)


# -- small cells, and the cells that would give them away ------------------------------------
#
# Primary suppression hides a count that could single out a patient (`suppressed`).
# Complementary suppression hides more cells so that no hidden small count follows from
# what is published: the other cells and the totals (a 1-D table's total; a 2-D table's
# row totals, column totals and grand total, each published or not by its own table).
#
# A 2-D table with its totals is a bipartite graph: a vertex per row and per column, plus a
# "total" row vertex and a "total" column vertex; an edge per unknown number (a hidden
# cell; a row total that is not published joins its row to the total column, a column
# total its column to the total row, an unpublished grand total the two total vertices).
# Each vertex is one equation (its edges sum to what is published). An unknown is fixed
# by those equations exactly when its edge lies on no cycle, that is when it is a bridge
# (the equations' matrix is the graph's incidence matrix; its row space is the cut space).
# So: no small count may be a bridge. And, against bounds (a hidden part of a line that
# sums to 2 with two cells of at least 1 each is 1 and 1), the hidden cells of a line
# with a published total that hide a small count sum to at least the threshold.


def _bridges(edges: dict) -> set:
    """The keys of the edges that lie on no cycle (Tarjan, iterative; `edges`: key ->
    (vertex, vertex), no two edges between the same two vertices)."""
    adjacency: dict = {}
    for key, (a, b) in edges.items():
        adjacency.setdefault(a, []).append((b, key))
        adjacency.setdefault(b, []).append((a, key))
    order: dict = {}
    low: dict = {}
    found: set = set()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, iter(adjacency[root]))]
        while stack:
            vertex, via, neighbours = stack[-1]
            advanced = False
            for neighbour, key in neighbours:
                if key == via:
                    continue
                if neighbour in order:
                    low[vertex] = min(low[vertex], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = len(order)
                    stack.append((neighbour, key, iter(adjacency[neighbour])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[vertex])
                    if low[vertex] > order[parent]:
                        found.add(via)
    return found


def _smallest(candidates, values: Mapping) -> object | None:
    ordered = sorted(candidates, key=lambda key: (values.get(key, 0), repr(key)))
    return ordered[0] if ordered else None


def protect_line(
    cells: Mapping[K, int], total_published: bool, threshold: int, hidden: Iterable[K] = ()
) -> frozenset[K]:
    """The cells of a one-dimensional table (whose total is published or not) to hide:
    the small ones, those already `hidden`, and enough others that the hidden ones are
    none, or at least two summing to at least the threshold."""
    hide = {key for key, count in cells.items() if suppressed(count, threshold)}
    hide |= set(hidden) & set(cells)
    if not total_published:
        return frozenset(hide)  # no equation: the hidden cells stay unknown
    while any(suppressed(cells[key], threshold) for key in hide) and (
        len(hide) < 2 or sum(cells[key] for key in hide) < threshold
    ):
        extra = _smallest(set(cells) - hide, cells)
        if extra is None:
            break
        hide.add(extra)
    return frozenset(hide)


_TOTAL = ("total",)


def protect_table(
    cells: Mapping[tuple[R, C], int],
    rows: Mapping[R, tuple[int, bool]],
    columns: Mapping[C, tuple[int, bool]],
    total_published: bool,
    threshold: int,
    hidden: Iterable[tuple[R, C]] = (),
) -> frozenset[tuple[R, C]]:
    """The cells of a two-dimensional table to hide. `cells`: the non-zero counts (a
    missing pair is a known zero, which may be hidden too, as a complement); `rows` and
    `columns`: each total with whether its own table publishes it."""
    grid = [(row, column) for row in rows for column in columns]
    values = {key: cells.get(key, 0) for key in grid}
    hide = {key for key, count in values.items() if suppressed(count, threshold)}
    hide |= set(hidden) & set(values)
    while True:
        edges: dict = {key: (("row", key[0]), ("column", key[1])) for key in hide}
        small: set = {key for key in hide if suppressed(values[key], threshold)}
        for row, (count, published) in rows.items():
            if not published:
                edges[("row-total", row)] = (("row", row), ("column", _TOTAL))
                if suppressed(count, threshold):
                    small.add(("row-total", row))
        for column, (count, published) in columns.items():
            if not published:
                edges[("column-total", column)] = (("row", _TOTAL), ("column", column))
                if suppressed(count, threshold):
                    small.add(("column-total", column))
        if not total_published:
            edges[("total",)] = (("row", _TOTAL), ("column", _TOTAL))
        exposed = small & _bridges(edges)
        # The lines with a published total whose hidden part is too small to hide in.
        for row, (_, published) in rows.items():
            part = [key for key in hide if key[0] == row]
            if (
                published
                and any(key in small for key in part)
                and sum(values[key] for key in part) < threshold
            ):
                exposed.add(("row-total", row))
        for column, (_, published) in columns.items():
            part = [key for key in hide if key[1] == column]
            if (
                published
                and any(key in small for key in part)
                and sum(values[key] for key in part) < threshold
            ):
                exposed.add(("column-total", column))
        if not exposed:
            return frozenset(hide)
        shown = set(grid) - hide
        if not shown:
            return frozenset(hide)  # everything hidden: nothing more to give
        added = set()
        for edge in exposed:
            if edge[0] == "row-total":
                line = {key for key in shown if key[0] == edge[1]}
            elif edge[0] == "column-total":
                line = {key for key in shown if key[1] == edge[1]}
            elif edge[0] == "total":
                line = set(shown)
            else:
                line = {key for key in shown if key[0] == edge[0] or key[1] == edge[1]}
            extra = _smallest(line - added, values) or _smallest(shown - added, values)
            if extra is not None:
                added.add(extra)
        hide |= added
