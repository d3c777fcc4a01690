"""What the OpenAPI contract says beyond the code: summaries and examples per operation
(`operations.json`), the action operations' descriptions generated from the transition
table (`actions.py`). `app.platform.openapi_contract` applies both to every operation."""
