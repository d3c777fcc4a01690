"""The TypeScript SDK is a package: it type-checks, `npm pack` builds it into a tarball,
the tarball installs into a fresh project, and the README's referral example, compiled
there against the installed package, runs against the live server.

Node 20 cannot run .ts files, so the example is compiled with the repository's pinned
TypeScript. Without node this fails: the SDK is a product.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import httpx

from tests.conftest import ROOT

TS_CLIENT = ROOT / "clients" / "typescript"
BIN = ROOT / "node_modules" / ".bin"


def _node_tools() -> dict[str, str]:
    assert shutil.which("node") and shutil.which("npm"), (
        "node is required for the TypeScript SDK tests; install Node 20 (>= 20.19)"
    )
    if not (BIN / "tsc").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    # The package's build finds tsc on PATH, as under the repository's node_modules.
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "npm_config_audit": "false",
        "npm_config_fund": "false",
        "npm_config_update_notifier": "false",
    }


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def pack_sdk(workdir: Path, env: dict[str, str]) -> Path:
    """The SDK README's install steps, run as written on a copy of `clients/typescript`
    alone (no repository root, no tool on PATH but node and npm), so they prove the
    package builds by its own means and leave nothing in the repository: the tarball."""
    package = workdir / "clients" / "typescript"
    shutil.copytree(
        TS_CLIENT, package, ignore=shutil.ignore_patterns("dist", "node_modules", "*.tgz")
    )
    readme = (TS_CLIENT / "README.md").read_text()
    steps = re.search(r"<!-- install:start -->\s*```sh\n(.*?)```", readme, re.S)
    assert steps, "the SDK README has no install block"
    plain = {
        **env,
        "PATH": os.pathsep.join(
            part for part in env["PATH"].split(os.pathsep) if "node_modules" not in part
        ),
    }
    _run(["bash", "-euo", "pipefail", "-c", steps.group(1)], workdir, plain)
    (tarball,) = package.glob("corridor-client-*.tgz")
    return tarball


def install_into_fresh_project(
    workdir: Path, tarball: Path, name: str, env: dict[str, str]
) -> Path:
    """A new ESM project with the tarball installed, as a user would: its directory."""
    project = workdir / "project"
    project.mkdir()
    (project / "package.json").write_text(
        json.dumps({"name": name, "private": True, "type": "module"})
    )
    _run(["npm", "install", "--offline", str(tarball)], project, env)
    return project


def compile_with_pinned_tsc(project: Path, files: list[str], env: dict[str, str]) -> None:
    """Compile `files` (strict, nodenext, against the installed package's own .d.ts) into
    `out/` with the repository's pinned TypeScript: Node 20 cannot run .ts files."""
    (project / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "target": "es2022",
                    "module": "nodenext",
                    "moduleResolution": "nodenext",
                    "strict": True,
                    "outDir": "out",
                    "typeRoots": [str(ROOT / "node_modules" / "@types")],
                    "types": ["node"],
                    "skipLibCheck": False,
                },
                "files": files,
            }
        )
    )
    _run([str(BIN / "tsc"), "-p", "."], project, env)


def test_the_typescript_sdk_type_checks() -> None:
    _run([str(BIN / "tsc"), "--noEmit", "-p", str(TS_CLIENT)], ROOT, _node_tools())


def test_the_package_follows_the_api_version_and_declares_its_entry_points() -> None:
    package = json.loads((TS_CLIENT / "package.json").read_text())
    spec = json.loads((ROOT / "openapi" / "openapi.json").read_text())
    assert package["version"] == spec["info"]["version"]
    assert package["name"] == "@corridor/client"
    assert "private" not in package
    assert package["exports"]["."]["types"] == "./dist/index.d.ts"
    assert package["exports"]["."]["import"] == "./dist/index.js"
    assert package["files"] == ["dist", "README.md"]
    readme = (TS_CLIENT / "README.md").read_text()
    for topic in ("Authenticate", "Errors", "If-Match", "Idempotency-Key"):
        assert topic in readme, topic


def test_the_packed_sdk_installs_and_runs_the_readme_referral(
    live_server, org_setup, tmp_path: Path
) -> None:
    env = _node_tools()
    world = org_setup(live_server)
    tarball = pack_sdk(tmp_path, env)
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    assert {"package/dist/index.js", "package/dist/index.d.ts", "package/README.md"} <= names
    assert not any(name.startswith("package/src/") for name in names)

    project = install_into_fresh_project(tmp_path, tarball, "referral-desk", env)
    installed = json.loads(
        (project / "node_modules" / "@corridor" / "client" / "package.json").read_text()
    )
    assert installed["version"] == json.loads((TS_CLIENT / "package.json").read_text())["version"]

    readme = (TS_CLIENT / "README.md").read_text()
    example = re.search(r"<!-- example:start -->\s*```ts\n(.*?)```", readme, re.S)
    assert example, "the README has no example block"
    (project / "referral.ts").write_text(example.group(1))
    compile_with_pinned_tsc(project, ["referral.ts"], env)

    token = world.token("castries", "referrer", sub="dr-ts")
    result = _run(
        ["node", "out/referral.js"],
        project,
        {
            **env,
            "CORRIDOR_BASE_URL": live_server.base_url,
            "CORRIDOR_TOKEN": token,
            "CORRIDOR_RECEIVING_ORGANIZATION_ID": world.orgs["chu_martinique"],
        },
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == "submitted"
    assert answer["reference"].startswith("COR-")
    assert answer["second_submit"] == {
        "http_status": 409,
        "code": "invalid_transition",
        "current_status": "submitted",
    }
    case = httpx.get(
        f"{live_server.base_url}/v1/cases/{answer['case_id']}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert case["status"] == "submitted"
    assert case["referring_organization_id"] == world.orgs["castries"]
