"""The patient name search, one rule for the patients list and the cases list: every word
must appear in the name, in any order, ignoring case and accents.

corridor_search_name / corridor_search_text are lower(unaccent(...)), and the patients'
search name is trigram-indexed (migration 0104), so `%word%` patterns use the index."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, func, true

from app.db.models import PatientRow


def _like_words(text: str) -> list[str]:
    """Each word of a name search as a LIKE pattern (at most six words)."""
    words = [word for word in text.split() if word][:6]
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return [f"%{word}%" for word in escaped]


def patient_name_matches(text: str) -> ColumnElement[bool]:
    """PatientRow's name matches every word of `text`."""
    searched = func.corridor_search_name(PatientRow.family_name, PatientRow.given_names)
    return and_(
        true(),
        *(searched.like(func.corridor_search_text(pattern)) for pattern in _like_words(text)),
    )
