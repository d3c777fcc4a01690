"""Money on a case: estimates, payments, claims and the billing export."""
