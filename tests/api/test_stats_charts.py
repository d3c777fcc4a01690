"""The statistics as SVG: parsed back with xml.etree, every bar and label must be the JSON's."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from tests.api.conftest import in_days
from tests.api.test_case_paths import act
from tests.api.test_stats_flows import corridor_case, observatory_world, register_patient

SVG = "{http://www.w3.org/2000/svg}"


def parse(response) -> ET.Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own answer, under test
    assert root.tag == f"{SVG}svg"
    # A chart, not a program: no script, no event handler, no foreign object.
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}foreignObject")
        assert not [name for name in element.attrib if name.lower().startswith("on")]
    return root


def marks(root: ET.Element) -> list[dict]:
    return [
        {
            "label": element.get("data-label"),
            "series": element.get("data-series"),
            "value": element.get("data-value"),
        }
        for element in root.iter()
        if element.get("class") == "mark"
    ]


def texts(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text") if element.text]


async def test_the_flows_chart_draws_the_json_numbers(world):
    observatory = await observatory_world(world, name="Observatoire <ORS> & CARES")
    patient = await register_patient(world, "castries")
    for days in (1, 2, 3, 4, 5):
        await corridor_case(world, patient, "cardiology", days)
    await corridor_case(world, patient, "oncology", None)
    hospital = world.headers("chu_martinique", "coordinator")
    params = {"group_by": "specialty"}
    flows = (await world.client.get("/v1/stats/flows", params=params, headers=hospital)).json()
    root = parse(await world.client.get("/v1/stats/flows.svg", params=params, headers=hospital))
    assert root.find(f"{SVG}title").text == "Cases by specialty"
    assert "Cases by specialty" in texts(root)
    assert len([e for e in root.iter(f"{SVG}line") if e.get("class") == "axis"]) == 2
    assert marks(root) == [
        {"label": item["specialty"], "series": "cases", "value": str(item["cases"])}
        for item in flows["items"]
    ]
    assert [m["value"] for m in marks(root)] == ["5", "1"]
    assert {"cardiology", "oncology"} <= set(texts(root))
    rects = {e.get("data-label"): e for e in root.iter(f"{SVG}rect") if e.get("class") == "mark"}
    assert float(rects["cardiology"].get("height")) > float(rects["oncology"].get("height")) > 0

    # The coordination body sees the same cells, the small one suppressed, no bar for it;
    # and the 5 with it: the month's total (6) is published, and 6 - 5 would be the 1.
    body_chart = parse(
        await world.client.get("/v1/stats/flows.svg", params=params, headers=observatory)
    )
    assert [m["value"] for m in marks(body_chart)] == ["suppressed", "suppressed"]
    hidden = next(
        e for e in body_chart.iter(f"{SVG}rect") if e.get("data-label") == "oncology · 2026-03"
    )
    assert float(hidden.get("height")) == 0

    # Labels are text, escaped: the agreement's name comes back exactly as it was given.
    by_agreement = parse(
        await world.client.get(
            "/v1/stats/flows.svg",
            params={"group_by": "agreement", "measure": "declined"},
            headers=hospital,
        )
    )
    assert [m["label"] for m in marks(by_agreement)] == ["Observatoire <ORS> & CARES"]
    assert [m["series"] for m in marks(by_agreement)] == ["declined"]
    assert "Observatoire <ORS> & CARES" in texts(by_agreement)


async def test_a_flows_chart_by_month_is_a_line(world):
    await observatory_world(world)
    patient = await register_patient(world, "castries")
    await corridor_case(world, patient, "cardiology", 1)
    hospital = world.headers("chu_martinique", "coordinator")
    params = {"group_by": "month"}
    flows = (await world.client.get("/v1/stats/flows", params=params, headers=hospital)).json()
    root = parse(await world.client.get("/v1/stats/flows.svg", params=params, headers=hospital))
    assert len(list(root.iter(f"{SVG}polyline"))) == 1
    assert marks(root) == [
        {"label": item["month"], "series": "cases", "value": str(item["cases"])}
        for item in flows["items"]
    ]
    assert root.find(f"{SVG}title").text == "Cases by month"
    bad = await world.client.get(
        "/v1/stats/flows.svg", params={"group_by": "weather"}, headers=hospital
    )
    assert bad.status_code == 422 and bad.json()["code"] == "unknown_group_by"


async def test_the_census_chart_draws_each_hospitals_three_numbers(world):
    await observatory_world(world)
    patient = await register_patient(world, "castries")
    case = await corridor_case(world, patient, "cardiology", 1)
    coordinator = world.headers("chu_martinique", "coordinator")
    # The CARES route asks an advance and an authorisation: a ZOAST-free walk to transfer.
    await world.post(
        f"/v1/cases/{case['id']}/payments",
        {
            "kind": "deposit",
            "payer": "third_party",
            "amount": {"amount": "30.00", "currency": "EUR"},
            "received_at": in_days(0),
        },
        coordinator,
        201,
    )
    start = datetime.now(UTC) - timedelta(days=1)
    await act(
        world,
        case,
        "approve-funding",
        {
            "guarantee": {"reference": "G-1", "amount": {"amount": "100.00", "currency": "EUR"}},
            "authorisation": {
                "reference": "PA-1",
                "valid_from": start.date().isoformat(),
                "valid_until": (start + timedelta(days=60)).date().isoformat(),
            },
        },
        coordinator,
    )
    await act(
        world,
        case,
        "schedule-transfer",
        {"expected_arrival_at": in_days(2), "transport": "commercial_flight"},
        coordinator,
    )
    census = (await world.client.get("/v1/stats/census", headers=coordinator)).json()
    (hospital,) = census["hospitals"]
    assert hospital["expected_next_7_days"] == 1 and hospital["admitted"] == 0
    root = parse(await world.client.get("/v1/stats/census.svg", headers=coordinator))
    assert marks(root) == [
        {"label": "CHU de Martinique", "series": name, "value": str(hospital[name])}
        for name in ("admitted", "expected_next_7_days", "held_by_suspension")
    ]
    assert root.find(f"{SVG}title").text.startswith("Census on ")
    legend = [e for e in root.iter(f"{SVG}g") if e.get("class") == "legend"]
    assert legend and {"admitted", "expected_next_7_days", "held_by_suspension"} <= set(
        texts(legend[0])
    )


async def test_a_chart_asked_for_as_bytes_is_the_same_svg_as_a_download(world):
    """Generated SDKs without a media-type mapping ask for application/octet-stream: the
    same document, as an attachment; any other Accept (or none) gets image/svg+xml."""
    await observatory_world(world)
    patient = await register_patient(world, "castries")
    await corridor_case(world, patient, "cardiology", 1)
    hospital = world.headers("chu_martinique", "coordinator")
    for path, name in (
        ("/v1/stats/flows.svg", "flows.svg"),
        ("/v1/stats/census.svg", "census.svg"),
    ):
        as_svg = await world.client.get(path, headers=hospital)
        parse(as_svg)
        as_bytes = await world.client.get(
            path, headers={**hospital, "Accept": "application/octet-stream"}
        )
        assert as_bytes.status_code == 200
        assert as_bytes.headers["content-type"] == "application/octet-stream"
        assert as_bytes.headers["content-disposition"] == f'attachment; filename="{name}"'
        root = ET.fromstring(as_bytes.content)  # noqa: S314 - our own answer, under test
        assert root.tag == f"{SVG}svg"
        assert (
            parse(await world.client.get(path, headers={**hospital, "Accept": "*/*"})) is not None
        )
