"""`make openapi`: write the app's OpenAPI document, the contract the SDKs are built from.

    python -m app.openapi_export openapi/openapi.json

The output is deterministic (no timestamps, fixed key order) so that a test can
compare it with the committed file.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from app.main import create_app
from app.platform.settings import Settings


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def current_document() -> dict[str, Any]:
    # The document does not depend on settings; a throwaway home keeps the export
    # from creating signing keys under the developer's CORRIDOR_HOME.
    with tempfile.TemporaryDirectory() as home:
        return create_app(Settings(environment="test", home=Path(home))).openapi()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m app.openapi_export PATH", file=sys.stderr)
        return 2
    target = Path(args[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(current_document()), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
