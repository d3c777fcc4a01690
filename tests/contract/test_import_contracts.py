"""The layering contracts in pyproject.toml ([tool.importlinter], run by `make lint`)
cover what they claim to."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def contract(name_start: str) -> dict:
    (found,) = [c for c in CONFIG["contracts"] if c["name"].startswith(name_start)]
    return found


def test_the_domain_contract_forbids_every_third_party_package_the_app_imports():
    graph = grimp.build_graph("app", include_external_packages=True)
    third_party = {
        module
        for module in graph.modules
        if not module.startswith("app") and module not in sys.stdlib_module_names
    }
    forbidden = set(contract("The domain is the standard library only")["forbidden_modules"])
    assert third_party, "the graph must see the app's dependencies"
    assert third_party <= forbidden


def test_every_router_module_is_protected():
    routers = {
        path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        for path in (ROOT / "app").glob("*/*.py")
        if path.stem == "routes" or path.stem.endswith("_routes")
    }
    protected = contract("Nothing imports a router")["protected_modules"]
    covered = {m for m in routers if m in protected or f"app.*.{m.rsplit('.', 1)[1]}" in protected}
    assert routers and covered == routers


def test_a_forbidden_import_breaks_the_build(tmp_path):
    """The contracts really run: a domain module importing the framework is refused."""
    leaky = ROOT / "app" / "domain" / "_leaky_contract_probe.py"
    leaky.write_text("import sqlalchemy  # noqa: F401\n")
    try:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        leaky.unlink()
    assert result.returncode != 0
    assert "app.domain._leaky_contract_probe -> sqlalchemy" in result.stdout
