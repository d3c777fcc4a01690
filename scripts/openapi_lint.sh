#!/usr/bin/env bash
# Lint Corridor's OpenAPI description with Spectral and Redocly.
#
#   scripts/openapi_lint.sh [SPEC]      # SPEC defaults to openapi/openapi.json
#
# Installs the pinned Node tools (package-lock.json) with `npm ci` only when
# node_modules is missing or older than package-lock.json. Runs both linters
# even when the first one fails, and exits non-zero if either found an error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLER_PWD="$PWD"
cd "$ROOT"

# A SPEC argument is relative to the caller's directory; the default is
# relative to the repository root.
if [ -n "${1:-}" ]; then
  case "$1" in /*) SPEC="$1" ;; *) SPEC="$CALLER_PWD/$1" ;; esac
else
  SPEC="openapi/openapi.json"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "error: node is required for the OpenAPI lint; install Node 20" >&2
  echo "       (Node >= 20.19 with npm; the pinned Redocly CLI and openapi-ts need it)" >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "error: node $(node --version) is too old for the OpenAPI lint; install Node 20 (>= 20.19)" >&2
  exit 1
fi

if [ ! -f "$SPEC" ]; then
  echo "error: OpenAPI description not found: $SPEC" >&2
  echo "       (export it from the app first, or pass its path as the first argument)" >&2
  exit 1
fi

# No telemetry, no update notices: these machines reach package registries only.
export REDOCLY_TELEMETRY=off
export REDOCLY_SUPPRESS_NOTIFICATIONS=true
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export SCARF_ANALYTICS=false
export DO_NOT_TRACK=1

# npm writes node_modules/.package-lock.json on every install: use it as the
# stamp of the last install.
ensure_node_modules() {
  local stamp="node_modules/.package-lock.json"
  if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    echo ">> npm ci (node_modules missing or older than package-lock.json)" >&2
    npm ci --no-audit --no-fund
  fi
}
if command -v flock >/dev/null 2>&1; then
  # Serialise with scripts/sdk_generate.sh when both run at once.
  exec 9<package-lock.json
  flock 9
  ensure_node_modules
  flock -u 9
  exec 9<&-
else
  ensure_node_modules
fi

status=0
echo ">> spectral lint --fail-severity=error $SPEC" >&2
npx --no -- spectral lint --fail-severity=error "$SPEC" || status=1
echo ">> redocly lint $SPEC (config redocly.yaml)" >&2
npx --no -- redocly lint --config redocly.yaml "$SPEC" || status=1

if [ "$status" -ne 0 ]; then
  echo "OpenAPI lint FAILED for $SPEC" >&2
else
  echo "OpenAPI lint passed for $SPEC" >&2
fi
exit "$status"
