"""Small-cell protection (app/domain/statistics.py), proved by exact linear algebra: for any
table, no hidden small count follows from what is published (the shown cells, the row and
column totals and the grand total as their own tables publish them, the known zeros).

The proof does not reuse the graph argument of the code: it writes every equation a reader
has (each row, each column, the totals) over the unknowns and asks, with exact fractions,
whether a hidden small count lies in the span of those equations.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.statistics import protect_line, protect_table, suppressed

THRESHOLD = 5


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [list(row) for row in rows]
    rank, columns = 0, len(matrix[0]) if matrix else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][column] != 0:
                factor = matrix[i][column] / matrix[rank][column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def determined(equations: list[dict], unknowns: list, target) -> bool:
    """Whether the equations (each: unknown -> coefficient, over the unknowns only; the
    known terms are on the other side) fix `target` exactly."""
    index = {name: i for i, name in enumerate(unknowns)}
    rows = [[Fraction(0)] * len(unknowns) for _ in equations]
    for row, equation in zip(rows, equations, strict=True):
        for name, coefficient in equation.items():
            if name in index:
                row[index[name]] += coefficient
    rows = [row for row in rows if any(row)]
    unit = [Fraction(0)] * len(unknowns)
    unit[index[target]] = Fraction(1)
    return _rank([*rows, unit]) == _rank(rows) if rows else False


def table_of(counts: list[list[int]]) -> dict:
    return {
        (r, c): count
        for r, line in enumerate(counts)
        for c, count in enumerate(line)
        if count  # a zero is no row of the answer: the reader knows it is zero
    }


tables = st.integers(min_value=1, max_value=4).flatmap(
    lambda rows: st.integers(min_value=1, max_value=4).flatmap(
        lambda columns: st.lists(
            st.lists(
                st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 30)),
                min_size=columns,
                max_size=columns,
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40)), max_size=8))
def test_a_hidden_small_count_of_a_line_does_not_follow_from_its_total(counts):
    cells = {index: count for index, count in enumerate(counts) if count}
    total = sum(cells.values())
    total_published = not suppressed(total, THRESHOLD)
    hidden = protect_line(cells, total_published, THRESHOLD)
    assert {key for key, count in cells.items() if suppressed(count, THRESHOLD)} <= hidden
    unknowns = [*hidden, *(["total"] if not total_published else [])]
    equation = {key: Fraction(1) for key in hidden}
    if not total_published:
        equation["total"] = Fraction(-1)
    for key in hidden:
        if suppressed(cells[key], THRESHOLD):
            assert not determined([equation], unknowns, key), (cells, hidden)
    if total_published and hidden & {k for k, v in cells.items() if suppressed(v, THRESHOLD)}:
        # Bounds: two or more hidden cells, together at least the threshold.
        assert len(hidden) >= 2 and sum(cells[key] for key in hidden) >= THRESHOLD


@settings(max_examples=400, deadline=None)
@given(tables)
def test_no_hidden_small_cell_follows_from_the_row_and_column_totals(counts):
    cells = table_of(counts)
    row_totals = {r: sum(line) for r, line in enumerate(counts)}
    column_totals = {c: sum(line[c] for line in counts) for c in range(len(counts[0]))}
    # Only rows and columns with cases are the table's (a zero line is known to be zero).
    row_totals = {r: v for r, v in row_totals.items() if v}
    column_totals = {c: v for c, v in column_totals.items() if v}
    total = sum(row_totals.values())
    total_published = not suppressed(total, THRESHOLD)
    # Each margin is its own one-dimensional table, protected as such.
    rows_hidden = protect_line(row_totals, total_published, THRESHOLD)
    columns_hidden = protect_line(column_totals, total_published, THRESHOLD)
    rows = {r: (v, r not in rows_hidden) for r, v in row_totals.items()}
    columns = {c: (v, c not in columns_hidden) for c, v in column_totals.items()}
    hidden = protect_table(cells, rows, columns, total_published, THRESHOLD)

    assert {key for key, count in cells.items() if suppressed(count, THRESHOLD)} <= hidden
    unknowns = [
        *(("cell", key) for key in sorted(hidden)),
        *(("row", r) for r in sorted(rows_hidden)),
        *(("column", c) for c in sorted(columns_hidden)),
        *([("total",)] if not total_published else []),
    ]
    equations = []
    for r in rows:
        equation = {("cell", (r, c)): Fraction(1) for c in columns}
        equation[("row", r)] = Fraction(-1)
        equations.append(equation)
    for c in columns:
        equation = {("cell", (r, c)): Fraction(1) for r in rows}
        equation[("column", c)] = Fraction(-1)
        equations.append(equation)
    for margin in ("row", "column"):
        keys = rows if margin == "row" else columns
        equation = {(margin, key): Fraction(1) for key in keys}
        equation[("total",)] = Fraction(-1)
        equations.append(equation)
    small = [("cell", key) for key in hidden if suppressed(cells.get(key, 0), THRESHOLD)]
    small += [("row", r) for r in rows_hidden if suppressed(row_totals[r], THRESHOLD)]
    small += [("column", c) for c in columns_hidden if suppressed(column_totals[c], THRESHOLD)]
    for target in small:
        assert not determined(equations, unknowns, target), (counts, sorted(hidden), target)


def test_the_grenada_differencing_attack_finds_nothing():
    """Issue 23's attack, in one table: Grenada's row shows 8 cases, one of them declined;
    hiding the 1 alone would leave it as the row total minus the shown cells."""
    cells = {("GD", "declined"): 1, ("GD", "accepted"): 7, ("LC", "declined"): 6}
    cells |= {("LC", "accepted"): 20}
    rows = {"GD": (8, True), "LC": (26, True)}
    columns = {"declined": (7, True), "accepted": (27, True)}
    hidden = protect_table(cells, rows, columns, True, THRESHOLD)
    assert ("GD", "declined") in hidden
    # The row and the column each hide a second cell, so no subtraction isolates the 1.
    assert sum(1 for key in hidden if key[0] == "GD") >= 2
    assert sum(1 for key in hidden if key[1] == "declined") >= 2
