"""The first start on a machine that never had the project (as root: the server account).

Run inside a private mount namespace whose /etc has no `corridor*` accounts, the way
`fresh-machine` does, so the account really is missing and really gets created.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="the server account is only created when running as root",
)

# Two first starts at the same moment, then a start of the server itself under the account.
SCRIPT = r"""
set -e
etc=$1; home=$2; python=$3
cp -a /etc/. "$etc"/
for f in passwd shadow group gshadow; do
  [ -f "$etc/$f" ] && sed -i "/^corridor[^:]*:/d" "$etc/$f"
done
mount --bind "$etc" /etc
! getent passwd corridor_pg
account='from app.db.embedded import _server_account; print(_server_account().pw_uid)'
"$python" -c "$account" > "$home/a" &
first=$!
"$python" -c "$account" > "$home/b" &
second=$!
wait "$first"
wait "$second"
"$python" -c '
import sys
from pathlib import Path
from app.db.embedded import ensure_server, stop_server
home = Path(sys.argv[1]) / "server"
try:
    print(ensure_server(home, durable=False).port)
finally:
    stop_server(home)
' "$home"
getent passwd corridor_pg | grep -c '^corridor_pg:'
"""


def test_two_first_starts_create_the_account_once_and_the_server_starts(tmp_path):
    etc = tmp_path / "etc"
    etc.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        ["unshare", "-m", "bash", "-c", SCRIPT, "first-start", str(etc), str(home), sys.executable],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    uid_a = (home / "a").read_text().strip()
    uid_b = (home / "b").read_text().strip()
    assert uid_a == uid_b and uid_a.isdigit()
    lines = result.stdout.split()
    assert lines[-1] == "1"  # exactly one corridor_pg entry in /etc/passwd
    assert int(lines[-2]) > 0  # the server started and printed its port
