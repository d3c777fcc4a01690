"""What `corridor serve` writes to its log: one JSON line per request with the fields an
operator needs, and no patient data, query string, body, SQL parameter or token, even
when a request fails with a patient's name in the database's error."""

from __future__ import annotations

import asyncio
import json
import shutil
import urllib.parse
import uuid

import asyncpg
import pytest

from app.access.keys import KeyRing
from app.access.tokens import TokenService
from app.db.embedded import ensure_server, stop_server
from app.platform.settings import Settings
from tests.conftest import new_server_home
from tests.operations.conftest import admin_headers, corridor_env, request, serve

PATIENT_NAME = "Quintavalle-Zebrowska"
IDENTIFIER = "NIC-77-4410-XQ"
# The database refuses this patient with her name in its error text, as a constraint
# or trigger of a real deployment might: the API answers 500 and logs the error.
REFUSING_TRIGGER = f"""
CREATE FUNCTION refuse_marked_patient() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.family_name LIKE '%{PATIENT_NAME}%' THEN
        RAISE EXCEPTION 'refusing patient %', NEW.family_name;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER refuse_marked_patient BEFORE INSERT ON patients
    FOR EACH ROW EXECUTE FUNCTION refuse_marked_patient();
"""


@pytest.fixture(scope="module")
def logged_server():
    base = new_server_home("logging")
    home = base / "home"
    env = corridor_env(home, CORRIDOR_LOG_FORMAT="json")
    serving = serve(env, home)
    server = ensure_server(home)

    async def install() -> None:
        connection = await asyncpg.connect(server.url("corridor").replace("+asyncpg", ""))
        try:
            await connection.execute(REFUSING_TRIGGER)
        finally:
            await connection.close()

    asyncio.run(install())
    yield home, serving
    serving.stop()
    stop_server(home)
    shutil.rmtree(base, ignore_errors=True)


def _token(home, org: str, role: str) -> str:
    settings = Settings(home=home, environment="test")
    return TokenService(settings, KeyRing.from_settings(settings)).issue(
        sub=f"log-test-{role}", roles=[role], organization_id=uuid.UUID(org)
    )


def test_a_failing_request_leaves_no_patient_data_in_any_log_line(logged_server):
    home, serving = logged_server
    status, _, org = request(
        serving.port,
        "POST",
        "/v1/organizations",
        {"name": "Log test clinic", "kind": "referring_facility", "country": "LC"},
        admin_headers(home),
    )
    assert status == 201
    token = _token(home, org["id"], "referrer")
    headers = {"Authorization": f"Bearer {token}", "X-Request-Id": "caller-chosen-1"}
    body = {
        "family_name": PATIENT_NAME,
        "given_names": ["Ottilie"],
        "residence": {"country": "LC", "city": "Castries"},
        "identifiers": [{"system": "lc-nic", "value": IDENTIFIER}],
    }
    status, answer_headers, problem = request(serving.port, "POST", "/v1/patients", body, headers)
    assert status == 500  # the trigger's refusal is unexpected for the API
    assert problem["code"] == "internal_error"
    assert PATIENT_NAME not in json.dumps(problem)
    query = urllib.parse.urlencode({"identifier": f"lc-nic|{IDENTIFIER}", "name": PATIENT_NAME})
    status, _, refused = request(serving.port, "GET", f"/v1/patients?{query}", None, headers)
    # `name` is no parameter of this list: refused, without echoing the value it carried.
    assert status == 400 and refused["code"] == "unknown_parameter"
    assert PATIENT_NAME not in json.dumps(refused)
    our_id = answer_headers["X-Request-Id"]
    assert our_id != "caller-chosen-1"  # the caller's id never replaces ours
    # The liveness probe (a plain Starlette route) is named in its line like the others.
    status, probe_headers, _ = request(serving.port, "GET", "/healthz", None, {})
    assert status == 200

    serving.stop()  # flush everything it had to say
    lines = serving.log_lines()
    for line in lines:
        assert PATIENT_NAME not in line
        assert IDENTIFIER not in line
        assert "Ottilie" not in line
        assert token not in line and "Bearer" not in line
        assert "identifier=" not in line
    records = serving.json_lines()
    assert len(records) == len([line for line in lines if line.strip()])  # all JSON
    # The 500 was logged, as types and frames.
    errors = [r for r in records if r.get("level") == "error" and r.get("exception")]
    assert any("DBAPIError" in r["exception"] or "RaiseError" in r["exception"] for r in errors)

    request_lines = [r for r in records if r.get("event") == "request"]
    failed = [r for r in request_lines if r["request_id"] == our_id]
    assert len(failed) == 1  # one line per request, and no uvicorn access line beside it
    line = failed[0]
    assert line["method"] == "POST"
    assert line["route"] == "/v1/patients"
    assert line["status"] == 500
    assert line["organization_id"] == org["id"]
    assert line["caller_request_id"] == "caller-chosen-1"
    assert isinstance(line["duration_ms"], float)
    assert line["timestamp"].endswith("Z") and line["level"] == "error"
    probe = [r for r in request_lines if r["request_id"] == probe_headers["X-Request-Id"]]
    assert [r["route"] for r in probe] == ["/healthz"]
    listed = [r for r in request_lines if r["method"] == "GET" and r["route"] == "/v1/patients"]
    assert len(listed) == 1
    assert not [r for r in records if r.get("logger") in ("uvicorn.access", "httpx")]


def test_a_first_start_says_one_migration_line_and_names_uvicorn_plainly(logged_server):
    """The server's home was new: every migration ran, and the log says so in one line
    (the per-migration lines are DEBUG); uvicorn's life is logged as `uvicorn`, not as
    `uvicorn.error`."""
    _, serving = logged_server
    records = serving.json_lines()
    migrations = [r for r in records if r.get("event", "").startswith("migrations applied")]
    assert len(migrations) == 1 and migrations[0]["count"] >= 17
    assert not [r for r in records if "Running upgrade" in r.get("event", "")]
    assert not [r for r in records if r.get("logger") == "alembic.runtime.migration"]
    started = [r for r in records if r.get("event", "").startswith("Started server process")]
    assert [r["logger"] for r in started] == ["uvicorn"]
    assert not [r for r in records if r.get("logger") == "uvicorn.error"]
