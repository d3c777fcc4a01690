"""The plumbing every area shares: settings, engine, unit of work, row security,
problems, request dependencies, paging, clock."""
