"""The corridor command: tokens that the API accepts."""

import subprocess
import sys
import uuid

from app.access.keys import KeyRing
from app.access.tokens import TokenService
from app.platform.settings import Settings


def corridor(home, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env={"CORRIDOR_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_token_prints_one_verifiable_line(tmp_path):
    org = uuid.uuid4()
    result = corridor(
        tmp_path, "token", "--org", str(org), "--role", "coordinator", "--sub", "io-1"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    settings = Settings(home=tmp_path)
    principal = TokenService(settings, KeyRing.from_settings(settings)).verify(lines[0])
    assert principal.organization_id == org
    assert principal.sub == "io-1"
    assert {str(role) for role in principal.roles} == {"coordinator"}


def test_admin_needs_no_organisation_but_other_roles_do(tmp_path):
    assert corridor(tmp_path, "token", "--role", "admin").returncode == 0
    refused = corridor(tmp_path, "token", "--role", "referrer")
    assert refused.returncode == 2
    assert "--org" in refused.stderr
