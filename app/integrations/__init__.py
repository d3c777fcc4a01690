"""Integrators: the event feed, webhooks and their delivery worker."""
