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


def test_every_router_lives_in_app_routers_and_is_protected():
    """HTTP routes are declared in app/routers alone, and only the factory imports them."""
    declaring = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "app").rglob("*.py")
        if "APIRouter(" in path.read_text()
    }
    assert declaring, "routers must be found"
    assert all(path.startswith("app/routers/") for path in declaring), declaring
    assert contract("Nothing imports a router")["protected_modules"] == ["app.routers"]


AREAS = sorted(
    path.name
    for path in (ROOT / "app").iterdir()
    if path.is_dir()
    and path.name not in {"domain", "platform", "db", "routers", "contract", "http"}
    and (path / "__init__.py").exists()
)


def test_every_area_is_kept_out_of_the_domain_the_tables_and_the_platform():
    assert {"cases", "directory", "finance", "registry"} <= set(AREAS)
    for name_start in ("The domain is", "The tables import", "Areas do not import"):
        listed = set(contract(name_start).get("forbidden_modules", [])) | set(
            contract(name_start).get("source_modules", [])
        )
        assert {f"app.{area}" for area in AREAS} <= listed, name_start


def test_every_repository_and_presenter_module_belongs_to_its_area():
    """Each area's SQL (app/db/repositories/<area>.py) may be imported by that area alone;
    its response bodies (presenters.py, but the integrators' feed item) by the area and the
    routers."""
    presenters = contract("An area's presenters")
    for area in AREAS:
        if (ROOT / "app" / "db" / "repositories" / f"{area}.py").exists():
            (found,) = [
                c for c in CONFIG["contracts"] if c["name"].startswith(f"Internals of app/{area} ")
            ]
            assert found["type"] == "protected"
            assert found["protected_modules"] == [f"app.db.repositories.{area}"]
            assert found["allowed_importers"] == [f"app.{area}"]
        if (ROOT / "app" / area / "presenters.py").exists() and area != "integrations":
            assert f"app.{area}.presenters" in presenters["protected_modules"]
            assert f"app.{area}" in presenters["allowed_importers"]
    assert set(presenters["allowed_importers"]) - {f"app.{a}" for a in AREAS} == {"app.routers"}
    repositories = {p.stem for p in (ROOT / "app" / "db" / "repositories").glob("[!_]*.py")}
    assert repositories and repositories <= set(AREAS)


def test_a_forbidden_import_breaks_the_build(tmp_path):
    """The contracts really run: a domain module importing the framework, and an area
    reaching into another area's repository, are both refused."""
    probes = {
        ROOT / "app" / "domain" / "_leaky_contract_probe.py": "import sqlalchemy  # noqa: F401\n",
        ROOT / "app" / "cases" / "_leaky_contract_probe.py": (
            "import app.db.repositories.finance  # noqa: F401\n"
        ),
    }
    for path, source in probes.items():
        path.write_text(source)
    try:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        for path in probes:
            path.unlink()
    assert result.returncode != 0
    assert "app.domain._leaky_contract_probe -> sqlalchemy" in result.stdout
    assert "app.cases._leaky_contract_probe -> app.db.repositories.finance" in result.stdout


def test_one_pipeline_answers_every_route():
    """Every route the routers declare is an AnsweredRoute (app/http/answers.py): its unit
    of work is committed, its audit row written and its idempotent answer kept in one
    place. A route that declares a unit of work outside it would lose its writes."""
    from fastapi.routing import APIRoute, iter_route_contexts

    from app.http.answers import AnsweredRoute
    from app.main import create_app

    contexts = iter_route_contexts(create_app().routes)
    routes = [c.original_route for c in contexts if isinstance(c.original_route, APIRoute)]
    assert len(routes) > 60
    outside = [route.path for route in routes if not isinstance(route, AnsweredRoute)]
    # The health probes and the documentation pages only: no caller, no unit of work.
    assert set(outside) <= {
        "/healthz",
        "/readyz",
        "/metrics",
        "/docs",
        "/docs/oauth2-redirect",
        "/redoc",
    }, outside
