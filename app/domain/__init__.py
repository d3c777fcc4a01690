"""Corridor's domain: statuses, the transition table, guards and the case aggregate.

Standard library only; time and actor always come in as arguments.
"""
