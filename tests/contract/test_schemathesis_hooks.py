"""The upload check schemathesis runs in place of its own negative_data_rejection
(schemathesis_hooks.py) judges a form as the server reads it, and still finds what is
invalid in it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.contract.schemathesis_hooks import upload_fields_as_sent, upload_schema_errors

CONTRACT = json.loads((Path(__file__).parents[2] / "openapi" / "openapi.json").read_text())
BOUNDARY = "3ba7ce94723086fe19790983362cb1b7"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def _form(**texts: str) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value.encode()
        + b"\r\n"
        for name, value in texts.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="file"\r\n\r\n'
        "G,:\r\n".encode()
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def _errors(**texts: str) -> list[str]:
    return upload_schema_errors(CONTRACT, upload_fields_as_sent(CONTENT_TYPE, _form(**texts)))


def test_the_form_ci_reported_is_valid_as_sent() -> None:
    # Schemathesis 4.32 called this accepted invalid data (stop 29): a title with a
    # no-break space and a C1 control, and an emptied optional array that sent nothing.
    title = b'/=\xc2\xa0\xc2\x94A"d\xc3\x8a0r\xc2\xa6\xc3\x8c\xc3\xa1'.decode()
    assert _errors(kind="invitation_letter", language="nV", title=title) == []


def test_what_the_contract_forbids_is_still_found() -> None:
    valid = {"kind": "invitation_letter", "language": "fr"}
    assert _errors(**valid, title=" \u0085\ufeff\t")
    assert _errors(**valid, title="x" * 301)
    assert _errors(**valid, title="Report", translation_of="not-a-uuid")
    assert _errors(kind="invitation_letter", title="Report")
    assert _errors(**valid, title="Report", extra="field")
    assert _errors(kind="nonsense", language="fr", title="Report")


def test_the_last_of_a_repeated_field_is_the_one_read() -> None:
    body = _form(kind="invitation_letter", language="fr", title=" ").replace(
        b"--" + BOUNDARY.encode() + b"--",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nReport\r\n'
        f"--{BOUNDARY}--".encode(),
    )
    assert upload_fields_as_sent(CONTENT_TYPE, body)["title"] == "Report"
