"""The description of each case action operation, written from the transition table and
the funding rules, so the contract cannot say something the lifecycle does not do."""

from __future__ import annotations

from app.domain.funding import FundingContext, FundingEvidence, check_funding
from app.domain.transitions import FACT_WORDS, TRANSITIONS, CaseFact, Transition, transitions_for
from app.domain.vocabulary import Action, CaseStatus, CoverageRoute, Role

# The side of the case a role acts for (app.domain.case.Case.organization_for).
SIDES = {
    Role.REFERRER: "referring",
    Role.COORDINATOR: "receiving",
    Role.CLINICIAN: "receiving",
    Role.PAYER: "payer",
}
DECIDED_TARGETS = {
    Action.RECORD_TELECONSULTATION: (
        "`accepted`, `declined` or back to `submitted`, by the teleconsultation's outcome"
    ),
    Action.RESUME: "the status it was held from",
    Action.APPROVE_FUNDING: "the same status",
    Action.EXTEND_AUTHORISATION: "the same status",
    Action.AMEND_GUARANTEE: "the same status",
}


def _statuses(statuses) -> str:
    return ", ".join(f"`{status}`" for status in CaseStatus if status in statuses)


def _who(row: Transition) -> str:
    by_side: dict[str, list[str]] = {}
    for role in Role:
        if role in row.roles:
            by_side.setdefault(SIDES[role], []).append(role.value)
    parts = [
        f"a {' or '.join(roles)} of the {side} organisation" for side, roles in by_side.items()
    ]
    return "; ".join(parts)


def _row_sentence(row: Transition) -> str:
    target = f"`{row.target}`" if row.target else DECIDED_TARGETS.get(row.action, "—")
    condition = ""
    if row.only_priority:
        condition = f", only when the case's priority is `{row.only_priority}`"
    if row.only_care_settings:
        settings = " or ".join(f"`{setting}`" for setting in sorted(row.only_care_settings))
        condition += f", only for {settings} care"
    for fact in CaseFact:
        if fact in row.only_when:
            condition += f", only with {FACT_WORDS[fact]}"
    return f"- from {_statuses(row.sources)} to {target}{condition}: by {_who(row)}."


def funding_needs() -> list[str]:
    """What approve-funding's guard reports missing per route when the request brings
    nothing and nothing was recorded: each rule's own words, so this list cannot drift."""
    lines = []
    for route in CoverageRoute:
        # Without an agreement: an agreement's flags can add to these (app.domain.funding).
        missing = check_funding(route, FundingEvidence(), FundingContext())
        needs = ", ".join(f"`{item}`" for item in missing) or "nothing more"
        lines.append(f"- `{route}`: {needs}")
    return lines


def describe_action(action: Action) -> str:
    rows = transitions_for(action)
    parts = [
        f"Performs `{action}` on the case, as the lifecycle table allows it:",
        "",
        *(_row_sentence(row) for row in rows),
        "",
        "A role acts for its own side: a coordinator of another hospital is not a "
        "coordinator of this case.",
    ]
    if action == Action.APPROVE_FUNDING:
        parts += [
            "",
            "The guard depends on the coverage route; with nothing brought or recorded, "
            "it reports these as `missing`:",
            "",
            *funding_needs(),
        ]
    parts += [
        "",
        "The body is optional where every field is. Refusals: 409 `invalid_transition` "
        "(with `current_status` and `allowed_actions`) when no row leaves the case's status, "
        "403 `forbidden_action` when rows exist but not for your roles on this case, "
        "422 `guard_failed` naming everything `missing`, 412 when `If-Match` is stale. "
        "A retry with the same `Idempotency-Key` replays the first answer.",
    ]
    return "\n".join(parts)


def described_actions() -> list[Action]:
    return list(dict.fromkeys(row.action for row in TRANSITIONS))
