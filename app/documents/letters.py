"""The letters an international office sends every day, rendered as PDF with fpdf2 and
Noto Sans (installed from PyPI with the project: no system fonts), in French, English,
Dutch or Spanish (formal register).

`render` takes plain facts gathered by the service; nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

import fontpkg
from fpdf import FPDF

from app.domain.documents import DocumentKind
from app.domain.money import minor_units


class LetterKind(StrEnum):
    VISA_INVITATION = "visa_invitation"
    QUOTE = "quote"
    ITEMISED_INVOICE = "itemised_invoice"
    DISCHARGE_SUMMARY = "discharge_summary"


class LetterLanguage(StrEnum):
    FR = "fr"
    EN = "en"
    NL = "nl"  # Flanders, across the ZOAST border
    ES = "es"  # the Caribbean partners


# Which document kind a generated letter is filed as.
DOCUMENT_KIND = {
    LetterKind.VISA_INVITATION: DocumentKind.INVITATION_LETTER,
    LetterKind.QUOTE: DocumentKind.QUOTE,
    LetterKind.ITEMISED_INVOICE: DocumentKind.INVOICE,
    LetterKind.DISCHARGE_SUMMARY: DocumentKind.DISCHARGE_LETTER,
}


@dataclass(frozen=True)
class Person:
    name: str
    passport_number: str | None
    nationality: str | None
    relationship: str | None = None
    birth_date: date | None = None


@dataclass(frozen=True)
class Line:
    description: str
    amount: Decimal


@dataclass(frozen=True)
class LetterFacts:
    reference: str
    issued_on: date
    hospital: str
    hospital_country: str
    patient: Person
    companions: list[Person] = field(default_factory=list)
    treatment: str | None = None
    planned_from: date | None = None
    planned_until: date | None = None
    expected_days: int | None = None
    currency: str | None = None
    total: Decimal | None = None
    lines: list[Line] = field(default_factory=list)
    payer: str | None = None
    document_number: str | None = None
    valid_until: date | None = None
    admitted_on: date | None = None
    discharged_on: date | None = None
    disposition: str | None = None
    summary: str | None = None
    # A patient's invoice (self-pay, Directive 2011/24): what was paid, what is due, and
    # what the patient's home insurer needs to reimburse it.
    debtor_is_patient: bool = False
    paid: Decimal | None = None
    care_from: date | None = None
    care_until: date | None = None
    insurer: str | None = None
    insurance_ids: list[tuple[str, str]] = field(default_factory=list)
    authorisation_reference: str | None = None
    reimbursement_basis: str | None = None


TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "visa_invitation": "Lettre d'invitation pour la délivrance d'un visa",
        "quote": "Devis",
        "itemised_invoice": "Facture détaillée",
        "discharge_summary": "Compte rendu de sortie",
        "reference": "Référence du dossier",
        "issued_on": "Émis le",
        "to_whom": "À l'attention des services consulaires,",
        "invite": (
            "{hospital} confirme la prise en charge de la personne ci-dessous et invite "
            "celle-ci, ainsi que ses accompagnants, à séjourner en France pour des soins."
        ),
        "patient": "Patient",
        "passport": "Passeport n°",
        "nationality": "Nationalité",
        "born": "Né(e) le",
        "companions": "Accompagnants",
        "no_companion": "Aucun accompagnant.",
        "treatment": "Traitement prévu",
        "dates": "Dates prévues",
        "from_to": "du {start} au {end}",
        "from": "à partir du {start}",
        "to_be_confirmed": "à confirmer",
        "duration": "Durée prévue",
        "days": "{days} jours",
        "cost": "Coût estimé",
        "payer": "Prise en charge",
        "self_pay": "le patient",
        "lines": "Détail",
        "total": "Total",
        "valid_until": "Valable jusqu'au",
        "number": "Numéro",
        "admitted": "Admission",
        "discharged": "Sortie",
        "disposition": "Orientation",
        "summary": "Synthèse",
        "signature": "Le bureau international",
        "care_period": "Soins reçus",
        "paid": "Déjà réglé",
        "balance": "Reste à payer",
        "debtor": "Débiteur",
        "insurer": "Assurance maladie",
        "insured_ids": "Identifiants d'assuré",
        "authorisation": "Autorisation préalable",
        "reimbursement": (
            "Pour être remboursé, présentez cette facture acquittée, la preuve de paiement "
            "et le compte rendu médical à {insurer}. Le remboursement est dû à hauteur de ce "
            "que votre régime aurait pris en charge pour les mêmes soins ({basis})."
        ),
        "your_insurer": "votre assurance maladie",
    },
    "en": {
        "visa_invitation": "Invitation letter for a visa application",
        "quote": "Quote",
        "itemised_invoice": "Itemised invoice",
        "discharge_summary": "Discharge summary",
        "reference": "Case reference",
        "issued_on": "Issued on",
        "to_whom": "To the consular services,",
        "invite": (
            "{hospital} confirms it will treat the person named below and invites them, "
            "with their companions, to stay in France for their care."
        ),
        "patient": "Patient",
        "passport": "Passport no.",
        "nationality": "Nationality",
        "born": "Born on",
        "companions": "Companions",
        "no_companion": "No companion.",
        "treatment": "Planned treatment",
        "dates": "Planned dates",
        "from_to": "from {start} to {end}",
        "from": "from {start}",
        "to_be_confirmed": "to be confirmed",
        "duration": "Expected duration",
        "days": "{days} days",
        "cost": "Estimated cost",
        "payer": "Paid by",
        "self_pay": "the patient",
        "lines": "Details",
        "total": "Total",
        "valid_until": "Valid until",
        "number": "Number",
        "admitted": "Admitted",
        "discharged": "Discharged",
        "disposition": "Disposition",
        "summary": "Summary",
        "signature": "The international office",
        "care_period": "Care received",
        "paid": "Already paid",
        "balance": "Balance due",
        "debtor": "Debtor",
        "insurer": "Health insurer",
        "insured_ids": "Insured person's identifiers",
        "authorisation": "Prior authorisation",
        "reimbursement": (
            "To be reimbursed, send this receipted invoice, the proof of payment and the "
            "medical report to {insurer}. You are reimbursed up to what your own scheme "
            "would have paid for the same care ({basis})."
        ),
        "your_insurer": "your health insurer",
    },
    "nl": {
        "visa_invitation": "Uitnodigingsbrief voor een visumaanvraag",
        "quote": "Offerte",
        "itemised_invoice": "Gespecificeerde factuur",
        "discharge_summary": "Ontslagbrief",
        "reference": "Dossiernummer",
        "issued_on": "Uitgegeven op",
        "to_whom": "Aan de consulaire diensten,",
        "invite": (
            "{hospital} bevestigt dat het de hieronder genoemde persoon zal behandelen en "
            "nodigt deze persoon, met de begeleiders, uit om voor de zorg in Frankrijk te "
            "verblijven."
        ),
        "patient": "Patiënt",
        "passport": "Paspoortnr.",
        "nationality": "Nationaliteit",
        "born": "Geboren op",
        "companions": "Begeleiders",
        "no_companion": "Geen begeleider.",
        "treatment": "Geplande behandeling",
        "dates": "Geplande data",
        "from_to": "van {start} tot {end}",
        "from": "vanaf {start}",
        "to_be_confirmed": "nog te bevestigen",
        "duration": "Verwachte duur",
        "days": "{days} dagen",
        "cost": "Geraamde kosten",
        "payer": "Ten laste van",
        "self_pay": "de patiënt",
        "lines": "Details",
        "total": "Totaal",
        "valid_until": "Geldig tot",
        "number": "Nummer",
        "admitted": "Opname",
        "discharged": "Ontslag",
        "disposition": "Bestemming na ontslag",
        "summary": "Samenvatting",
        "signature": "De internationale dienst",
        "care_period": "Ontvangen zorg",
        "paid": "Reeds betaald",
        "balance": "Nog te betalen",
        "debtor": "Schuldenaar",
        "insurer": "Ziekenfonds",
        "insured_ids": "Identificatie van de verzekerde",
        "authorisation": "Voorafgaande toestemming",
        "reimbursement": (
            "Om terugbetaald te worden, bezorgt u deze voldane factuur, het betalingsbewijs "
            "en het medisch verslag aan {insurer}. U wordt terugbetaald tot het bedrag dat uw "
            "eigen stelsel voor dezelfde zorg zou hebben betaald ({basis})."
        ),
        "your_insurer": "uw ziekenfonds",
    },
    "es": {
        "visa_invitation": "Carta de invitación para una solicitud de visado",
        "quote": "Presupuesto",
        "itemised_invoice": "Factura detallada",
        "discharge_summary": "Informe de alta",
        "reference": "Referencia del expediente",
        "issued_on": "Emitido el",
        "to_whom": "A la atención de los servicios consulares:",
        "invite": (
            "{hospital} confirma que atenderá a la persona indicada a continuación y la "
            "invita, junto con sus acompañantes, a permanecer en Francia para recibir "
            "atención médica."
        ),
        "patient": "Paciente",
        "passport": "Pasaporte n.º",
        "nationality": "Nacionalidad",
        "born": "Fecha de nacimiento",
        "companions": "Acompañantes",
        "no_companion": "Ningún acompañante.",
        "treatment": "Tratamiento previsto",
        "dates": "Fechas previstas",
        "from_to": "del {start} al {end}",
        "from": "a partir del {start}",
        "to_be_confirmed": "por confirmar",
        "duration": "Duración prevista",
        "days": "{days} días",
        "cost": "Coste estimado",
        "payer": "A cargo de",
        "self_pay": "el paciente",
        "lines": "Detalle",
        "total": "Total",
        "valid_until": "Válido hasta el",
        "number": "Número",
        "admitted": "Ingreso",
        "discharged": "Alta",
        "disposition": "Destino al alta",
        "summary": "Resumen",
        "signature": "La oficina internacional",
        "care_period": "Atención recibida",
        "paid": "Ya abonado",
        "balance": "Saldo pendiente",
        "debtor": "Deudor",
        "insurer": "Seguro de enfermedad",
        "insured_ids": "Identificadores del asegurado",
        "authorisation": "Autorización previa",
        "reimbursement": (
            "Para obtener el reembolso, presente esta factura pagada, el justificante de pago "
            "y el informe médico a {insurer}. Se le reembolsará hasta el importe que su propio "
            "régimen habría pagado por la misma atención ({basis})."
        ),
        "your_insurer": "su seguro de enfermedad",
    },
}

MONTHS = {
    "fr": [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ],
    "en": [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ],
    "nl": [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ],
    "es": [
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ],
}  # fmt: skip


def format_date(value: date, language: str) -> str:
    month = MONTHS[language][value.month - 1]
    if language == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{value.day} {month} {value.year}"


# 12,345.67 -> 12.345,67
DUTCH_SEPARATORS = str.maketrans({",": ".", ".": ","})


def format_amount(amount: Decimal, currency: str, language: str) -> str:
    """12 345,67 EUR in French and Spanish, 12.345,67 EUR in Dutch, EUR 12,345.67 in
    English (the currency's minor units)."""
    digits = minor_units(currency)
    text = f"{amount:,.{digits}f}"
    if language in ("fr", "es"):
        return text.replace(",", " ").replace(".", ",") + f" {currency}"
    if language == "nl":
        return text.translate(DUTCH_SEPARATORS) + f" {currency}"
    return f"{currency} {text}"


@lru_cache(maxsize=1)
def _font_path() -> str:
    return str(fontpkg.path("Noto Sans"))


class _Letter:
    def __init__(self, language: str) -> None:
        self.language = language
        self.t = TEXTS[language]
        self.pdf = FPDF(format="A4")
        self.pdf.set_creator("Corridor")
        self.pdf.set_margins(20, 20, 20)
        self.pdf.add_font("Noto", "", _font_path())
        self.pdf.add_page()

    def date(self, value: date | None) -> str:
        return format_date(value, self.language) if value else self.t["to_be_confirmed"]

    def amount(self, value: Decimal, currency: str) -> str:
        return format_amount(value, currency, self.language)

    def heading(self, text: str) -> None:
        self.pdf.set_font("Noto", size=16)
        self.pdf.multi_cell(0, 9, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(2)

    def line(self, text: str, size: int = 11) -> None:
        self.pdf.set_font("Noto", size=size)
        self.pdf.multi_cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def field(self, label: str, value: str) -> None:
        self.line(f"{label} : {value}" if self.language == "fr" else f"{label}: {value}")

    def gap(self) -> None:
        self.pdf.ln(4)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _header(letter: _Letter, facts: LetterFacts, kind: LetterKind) -> None:
    letter.line(facts.hospital, size=12)
    letter.gap()
    letter.heading(letter.t[kind.value])
    letter.field(letter.t["reference"], facts.reference)
    letter.field(letter.t["issued_on"], letter.date(facts.issued_on))
    letter.gap()


def _person(letter: _Letter, person: Person) -> None:
    parts = [person.name]
    if person.relationship:
        parts.append(f"({person.relationship})")
    letter.line(" ".join(parts))
    if person.birth_date:
        letter.field(f"  {letter.t['born']}", letter.date(person.birth_date))
    letter.field(f"  {letter.t['passport']}", person.passport_number or "—")
    letter.field(f"  {letter.t['nationality']}", person.nationality or "—")


def _payer(letter: _Letter, facts: LetterFacts) -> str:
    return facts.payer or letter.t["self_pay"]


def _visa(letter: _Letter, facts: LetterFacts) -> None:
    letter.line(letter.t["to_whom"])
    letter.line(letter.t["invite"].format(hospital=facts.hospital))
    letter.gap()
    letter.line(letter.t["patient"], size=13)
    _person(letter, facts.patient)
    letter.gap()
    letter.line(letter.t["companions"], size=13)
    for companion in facts.companions:
        _person(letter, companion)
    if not facts.companions:
        letter.line(letter.t["no_companion"])
    letter.gap()
    letter.field(letter.t["treatment"], facts.treatment or letter.t["to_be_confirmed"])
    if facts.planned_from and facts.planned_until:
        dates = letter.t["from_to"].format(
            start=letter.date(facts.planned_from), end=letter.date(facts.planned_until)
        )
    elif facts.planned_from:
        dates = letter.t["from"].format(start=letter.date(facts.planned_from))
    else:
        dates = letter.t["to_be_confirmed"]
    letter.field(letter.t["dates"], dates)
    days = (
        letter.t["days"].format(days=facts.expected_days)
        if facts.expected_days
        else letter.t["to_be_confirmed"]
    )
    letter.field(letter.t["duration"], days)
    cost = (
        letter.amount(facts.total, facts.currency)
        if facts.total is not None and facts.currency
        else letter.t["to_be_confirmed"]
    )
    letter.field(letter.t["cost"], cost)
    letter.field(letter.t["payer"], _payer(letter, facts))


def _lines(letter: _Letter, facts: LetterFacts) -> None:
    letter.line(f"{letter.t['patient']} : {facts.patient.name}" if letter.language == "fr"
                else f"{letter.t['patient']}: {facts.patient.name}")  # fmt: skip
    if facts.document_number:
        letter.field(letter.t["number"], facts.document_number)
    letter.gap()
    letter.line(letter.t["lines"], size=13)
    for item in facts.lines:
        letter.line(f"• {item.description} — {letter.amount(item.amount, facts.currency or '')}")
    letter.gap()
    if facts.total is not None and facts.currency:
        letter.field(letter.t["total"], letter.amount(facts.total, facts.currency))
    letter.field(letter.t["payer"], _payer(letter, facts))
    if facts.valid_until:
        letter.field(letter.t["valid_until"], letter.date(facts.valid_until))


def _invoice(letter: _Letter, facts: LetterFacts) -> None:
    _lines(letter, facts)
    if not facts.debtor_is_patient:
        return
    currency = facts.currency or ""
    letter.field(letter.t["debtor"], letter.t["self_pay"])
    if facts.care_from:
        period = (
            letter.t["from_to"].format(
                start=letter.date(facts.care_from), end=letter.date(facts.care_until)
            )
            if facts.care_until and facts.care_until != facts.care_from
            else letter.date(facts.care_from)
        )
        letter.field(letter.t["care_period"], period)
    if facts.total is not None:
        paid = facts.paid or Decimal(0)
        letter.field(letter.t["paid"], letter.amount(paid, currency))
        due = max(facts.total - paid, Decimal(0))
        letter.field(letter.t["balance"], letter.amount(due, currency))
    if facts.reimbursement_basis is None:
        return
    # Directive 2011/24 Art. 7(4): the patient claims this back at home.
    letter.gap()
    if facts.insurer:
        letter.field(letter.t["insurer"], facts.insurer)
    for system, value in facts.insurance_ids:
        letter.field(f"{letter.t['insured_ids']} ({system})", value)
    if facts.authorisation_reference:
        letter.field(letter.t["authorisation"], facts.authorisation_reference)
    letter.line(
        letter.t["reimbursement"].format(
            insurer=facts.insurer or letter.t["your_insurer"], basis=facts.reimbursement_basis
        )
    )


def _discharge(letter: _Letter, facts: LetterFacts) -> None:
    _person(letter, facts.patient)
    letter.gap()
    letter.field(letter.t["admitted"], letter.date(facts.admitted_on))
    letter.field(letter.t["discharged"], letter.date(facts.discharged_on))
    if facts.disposition:
        letter.field(letter.t["disposition"], facts.disposition)
    if facts.summary:
        letter.gap()
        letter.line(letter.t["summary"], size=13)
        letter.line(facts.summary)


BODIES = {
    LetterKind.VISA_INVITATION: _visa,
    LetterKind.QUOTE: _lines,
    LetterKind.ITEMISED_INVOICE: _invoice,
    LetterKind.DISCHARGE_SUMMARY: _discharge,
}


def render(kind: LetterKind, language: LetterLanguage, facts: LetterFacts) -> bytes:
    letter = _Letter(language.value)
    _header(letter, facts, kind)
    BODIES[kind](letter, facts)
    letter.gap()
    letter.line(letter.t["signature"])
    letter.line(facts.hospital)
    return letter.output()


def title_of(kind: LetterKind, language: LetterLanguage) -> str:
    return TEXTS[language.value][kind.value]
