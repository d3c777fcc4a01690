"""GET /v1/billing/export: one row per claim, CSV or JSON Lines, streamed."""

import csv
import io
import json
import tracemalloc
import uuid

from sqlalchemy import text

from app.db.unit_of_work import UnitOfWork
from app.domain.principal import Principal
from app.domain.vocabulary import Role
from app.finance import billing_export as billing
from tests.api.test_claims_payer import discharged_zoast_case, money, payer, submit_claim
from tests.conftest import SYSTEM_CONTEXT


async def export(world, headers, **params):
    return await world.client.get("/v1/billing/export", params=params, headers=headers)


async def test_csv_has_one_row_per_claim_with_stay_and_amounts(world):
    case = await discharged_zoast_case(world, member_number="MC-0042")
    paid = await submit_claim(world, case, "TCG-EXP-1", "4200.00")
    open_ = await submit_claim(world, case, "TCG-EXP-2", "150.50", kind="interim")
    await world.post(f"/v1/claims/{paid['id']}/accept", None, payer(world))
    await world.post(
        f"/v1/claims/{paid['id']}/pay",
        {"amount": money("4000.00"), "paid_at": "2026-03-02", "reference": "MC-PAY-1"},
        payer(world),
    )

    response = await export(world, payer(world), payer_organization_id=world.orgs["mutuality"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(billing.COLUMNS)
    assert [row["claim_id"] for row in rows] == [paid["id"], open_["id"]]
    first, second = rows
    assert first["case_reference"] == case["reference"]
    assert first["member_number"] == "MC-0042"
    assert first["days"] == "5"
    assert first["admission_date"] < first["discharge_date"]
    assert (first["total_amount"], first["paid_amount"], first["currency"]) == (
        "4200.00",
        "4000.00",
        "EUR",
    )
    # 4,000 of 4,200: partially paid until the rest comes.
    assert (first["claim_status"], first["paid_at"], first["payment_reference"]) == (
        "partially_paid",
        "2026-03-02",
        "MC-PAY-1",
    )
    assert (second["claim_kind"], second["total_amount"], second["paid_amount"]) == (
        "interim",
        "150.50",
        "",
    )
    # No clinical text and no patient name in a billing export.
    assert "Stable" not in response.text and "Joseph" not in response.text


async def test_jsonl_and_period_filter(world):
    case = await discharged_zoast_case(world)
    claim = await submit_claim(world, case, "TCG-EXP-3", "99.99")
    response = await export(world, payer(world), format="jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["claim_number"] for line in lines] == ["TCG-EXP-3"]
    assert lines[0]["total_amount"] == "99.99" and lines[0]["paid_amount"] is None
    assert lines[0]["days"] == 5
    submitted_on = lines[0]["submitted_on"]

    inside = await export(world, payer(world), format="jsonl", **{"from": submitted_on})
    assert [json.loads(x)["claim_id"] for x in inside.text.splitlines()] == [claim["id"]]
    before = await export(world, payer(world), format="jsonl", to="2000-01-01")
    assert before.text == ""
    backwards = await export(world, payer(world), **{"from": "2026-02-01", "to": "2026-01-01"})
    assert backwards.status_code == 422 and backwards.json()["code"] == "invalid_period"
    bad_format = await export(world, payer(world), format="xlsx")
    assert bad_format.status_code == 422


async def test_who_may_export_what(world):
    case = await discharged_zoast_case(world)
    await submit_claim(world, case, "TCG-EXP-4", "10.00")
    # The creditor's coordinators export what they claimed.
    creditor = await export(world, world.headers("tourcoing", "coordinator"), format="jsonl")
    assert len(creditor.text.splitlines()) == 1
    # Another payer gets a header and nothing else.
    other = await export(world, world.headers("lc_ministry", "payer"))
    assert other.status_code == 200 and other.text.strip() == ",".join(billing.COLUMNS)
    # Referrers and admins export nothing at all.
    for headers in (world.headers("mons_gp", "referrer"), world.admin):
        refused = await export(world, headers)
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden_role"


async def _bulk_claims(connection, world, case: dict, count: int, prefix: str) -> None:
    await connection.execute(SYSTEM_CONTEXT)
    await connection.execute(
        text(
            "INSERT INTO claims (id, case_id, number, kind, status, total_amount, currency,"
            " creditor_organization_id, debtor_organization_id, version)"
            " SELECT gen_random_uuid(), :case_id, :prefix || g, 'interim', 'submitted',"
            " 100 + g % 1000, 'EUR', :creditor, :debtor, 1 FROM generate_series(1, :count) g"
        ),
        {
            "case_id": uuid.UUID(case["id"]),
            "prefix": prefix,
            "creditor": uuid.UUID(world.orgs["tourcoing"]),
            "debtor": uuid.UUID(world.orgs["mutuality"]),
            "count": count,
        },
    )


async def _peak_while_streaming(sessionmaker, principal, export_format) -> tuple[int, int, int]:
    """(peak traced memory, bytes produced, chunks) while consuming the export."""
    uow = UnitOfWork(sessionmaker, principal)
    produced = chunks = 0
    tracemalloc.start()
    try:
        async for chunk in billing.export_chunks(
            uow, principal, billing.ExportFilters(), export_format
        ):
            produced += len(chunk)
            chunks += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, produced, chunks


async def test_export_streams_in_batches_with_flat_memory(world, connection, sessionmaker):
    case = await discharged_zoast_case(world)
    principal = Principal(
        sub="mutuality-batch",
        organization_id=uuid.UUID(world.orgs["mutuality"]),
        roles=frozenset({Role.PAYER}),
    )
    small_count, large_count = 1_500, 15_000
    await _bulk_claims(connection, world, case, small_count, "SMALL-")
    small_peak, small_bytes, _ = await _peak_while_streaming(
        sessionmaker, principal, billing.ExportFormat.CSV
    )
    await _bulk_claims(connection, world, case, large_count - small_count, "LARGE-")
    large_peak, large_bytes, chunks = await _peak_while_streaming(
        sessionmaker, principal, billing.ExportFormat.CSV
    )
    # Header chunk, then one chunk per batch of rows.
    assert chunks == 1 + large_count // billing.BATCH_SIZE
    assert large_bytes > 9 * small_bytes
    # Ten times the rows, about the same memory: the export never holds more than a batch
    # (a body built whole would need ten times the memory too).
    assert large_peak < 2 * small_peak
