"""The public directory: what receiving organisations offer, and to which residents."""
