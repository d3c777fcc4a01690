"""The directory as FHIR R4: a `searchset` Bundle of HealthcareService resources (the
services that matched, `search.mode = match`) and the Organizations providing them
(`include`). Built from the same answer as `GET /v1/directory`, so the two never
disagree; plain FHIR JSON, validated against the fhir.resources models in the tests.

Mapping (https://hl7.org/fhir/R4/healthcareservice.html):
- specialty → `specialty` and `type` (our slugs, system `urn:corridor:specialty`);
- care setting → `characteristic` (system `urn:corridor:care-setting`);
- languages → `communication` (BCP 47, system `urn:ietf:bcp:47`);
- contact → `telecom` (phone, email, url);
- each covering agreement → `program` (its slug and name) and `eligibility` (its terms and
  what to bring, in words);
- the Organization's `id` is its public slug: the directory hands out no organisation
  or agreement id (an id is what every authenticated route takes).
- typical lead time → `availabilityExceptions` (in words).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SPECIALTY_SYSTEM = "urn:corridor:specialty"
CARE_SETTING_SYSTEM = "urn:corridor:care-setting"
LANGUAGE_SYSTEM = "urn:ietf:bcp:47"
AGREEMENT_SYSTEM = "urn:corridor:agreement"

CARE_SETTING_TEXT = {
    "inpatient": "Inpatient stay",
    "day_case": "Day case",
    "outpatient": "Outpatient care",
}


def _concept(system: str, code: str, text: str | None = None) -> dict:
    return {"coding": [{"system": system, "code": code}], "text": text or code}


def _telecom(contact: dict) -> list[dict]:
    points = []
    for system in ("phone", "email", "url"):
        if contact.get(system):
            points.append({"system": system, "value": str(contact[system]), "use": "work"})
    return points


def _terms(agreement: dict) -> str:
    needs = []
    if agreement["prior_authorisation_required"]:
        needs.append("prior authorisation required")
    if agreement["advance_payment_required"]:
        needs.append("advance payment required")
    words = "; ".join(needs) or "no prior authorisation or advance payment required"
    bring = ", ".join(item.replace("_", " ") for item in agreement["what_to_bring"])
    return f"{words[0].upper()}{words[1:]}." + (f" Bring: {bring}." if bring else "")


def organization(facility: dict) -> dict:
    return {
        "resourceType": "Organization",
        "id": facility["slug"],
        "active": True,
        "type": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/organization-type",
                        "code": "prov",
                        "display": "Healthcare Provider",
                    }
                ]
            }
        ],
        "name": facility["name"],
        "address": [{"country": facility["country"]}],
    }


def healthcare_service(facility: dict, service: dict) -> dict:
    agreements = {a["slug"]: a for a in facility["agreements"]}
    covering = [agreements[slug] for slug in service["agreements"] if slug in agreements]
    resource = {
        "resourceType": "HealthcareService",
        "id": service["id"],
        "active": True,
        "providedBy": {
            "reference": f"Organization/{facility['slug']}",
            "display": facility["name"],
        },
        "type": [_concept(SPECIALTY_SYSTEM, service["specialty"])],
        "specialty": [_concept(SPECIALTY_SYSTEM, service["specialty"])],
        "name": f"{service['specialty'].replace('_', ' ').capitalize()} — {facility['name']}",
        "characteristic": [
            _concept(
                CARE_SETTING_SYSTEM,
                service["care_setting"],
                CARE_SETTING_TEXT.get(service["care_setting"]),
            )
        ],
        "communication": [_concept(LANGUAGE_SYSTEM, tag) for tag in service["languages"]],
        "program": [_concept(AGREEMENT_SYSTEM, a["slug"], a["name"]) for a in covering],
        "eligibility": [
            {"code": _concept(AGREEMENT_SYSTEM, a["slug"], a["name"]), "comment": _terms(a)}
            for a in covering
        ],
        "availabilityExceptions": f"Typical lead time: {service['lead_time_days']} days.",
    }
    telecom = _telecom(service["contact"])
    if telecom:
        resource["telecom"] = telecom
    if not resource["communication"]:
        del resource["communication"]
    return resource


def _full_url(resource: dict) -> str:
    # A service's id is a UUID; an organisation's is its slug (RFC 4122 forms only for
    # urn:uuid, so the organisation takes a URN of ours).
    if resource["resourceType"] == "Organization":
        return f"urn:corridor:organization:{resource['id']}"
    return f"urn:uuid:{resource['id']}"


def _with_cursor(url: str, cursor: str) -> str:
    """The same question's next page: `url` with its `cursor` replaced."""
    parts = urlsplit(url)
    query = [(name, value) for name, value in parse_qsl(parts.query) if name != "cursor"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("cursor", cursor)])))


def searchset(directory: dict, self_url: str) -> dict:
    """The directory answer as a FHIR searchset Bundle."""
    services, organizations = [], []
    for facility in directory["facilities"]:
        organizations.append(organization(facility))
        services.extend(healthcare_service(facility, s) for s in facility["services"])
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(services),
        "link": [
            {"relation": "self", "url": self_url},
            *(
                [{"relation": "next", "url": _with_cursor(self_url, directory["next_cursor"])}]
                if directory.get("next_cursor")
                else []
            ),
        ],
        "entry": [
            *(
                {
                    "fullUrl": _full_url(resource),
                    "resource": resource,
                    "search": {"mode": "match"},
                }
                for resource in services
            ),
            *(
                {
                    "fullUrl": _full_url(resource),
                    "resource": resource,
                    "search": {"mode": "include"},
                }
                for resource in organizations
            ),
        ],
    }
