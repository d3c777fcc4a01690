"""Statistics and the FHIR view of a case."""
