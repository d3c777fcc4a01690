"""Cases: the lifecycle around the `Case` aggregate, timeline and transfer checklist."""
