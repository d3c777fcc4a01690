"""Reference data: organisations, agreements, eligibility, patients."""
