"""Who calls: tokens, signing keys, OAuth clients, limits and the audit trail."""
