#!/usr/bin/env bash
# Generate Corridor's client SDKs from the OpenAPI description.
#
#   scripts/sdk_generate.sh [SPEC]           # write clients/python and clients/typescript/src
#   scripts/sdk_generate.sh --check [SPEC]   # generate into a temp folder and fail on drift
#
# SPEC defaults to openapi/openapi.json.
#   Python:     .venv/bin/openapi-python-client (config openapi/python-client.yaml,
#               --meta setup) -> clients/python (package corridor_client)
#   TypeScript: @hey-api/openapi-ts with the built-in Fetch client
#               (config clients/typescript/openapi-ts.config.mjs) -> clients/typescript/src
# Output is deterministic: two runs on the same spec give identical files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLER_PWD="$PWD"
cd "$ROOT"

CHECK=0
if [ "${1:-}" = "--check" ]; then
  CHECK=1
  shift
fi
# A SPEC argument is relative to the caller's directory; the default is
# relative to the repository root.
if [ -n "${1:-}" ]; then
  case "$1" in /*) SPEC="$1" ;; *) SPEC="$CALLER_PWD/$1" ;; esac
else
  SPEC="openapi/openapi.json"
fi

die() { echo "error: $*" >&2; exit 1; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  die "node is required for the SDK generation; install Node 20 (>= 20.19, with npm)"
fi
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' \
  || die "node $(node --version) is too old for the SDK generation; install Node 20 (>= 20.19)"
PY_GEN="$ROOT/.venv/bin/openapi-python-client"
[ -x "$PY_GEN" ] || die "$PY_GEN not found; create the venv and install the dev extras (pip install -e '.[dev]')"
# openapi-python-client formats its output with ruff (post_hooks in
# openapi/python-client.yaml); without ruff the output differs, so insist.
[ -x "$ROOT/.venv/bin/ruff" ] || die "ruff not found in .venv; install the dev extras (pip install -e '.[dev]')"
export PATH="$ROOT/.venv/bin:$PATH"

[ -f "$SPEC" ] || die "OpenAPI description not found: $SPEC (export it from the app first, or pass its path)"
SPEC_ABS="$(cd "$(dirname "$SPEC")" && pwd)/$(basename "$SPEC")"

export SCARF_ANALYTICS=false DO_NOT_TRACK=1

# Install the pinned Node tools only when node_modules is missing or older
# than package-lock.json (npm writes node_modules/.package-lock.json).
ensure_node_modules() {
  local stamp="node_modules/.package-lock.json"
  if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    echo ">> npm ci (node_modules missing or older than package-lock.json)" >&2
    npm ci --no-audit --no-fund
  fi
}
if command -v flock >/dev/null 2>&1; then
  exec 9<package-lock.json   # serialise with scripts/openapi_lint.sh
  flock 9
  ensure_node_modules
  flock -u 9
  exec 9<&-
else
  ensure_node_modules
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/corridor-sdk.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- Python SDK ------------------------------------------------------------
# Generated into a temporary folder first, so a failed run leaves
# clients/python as it was. --fail-on-warning: openapi-python-client exits 0
# when it drops a model or a response it cannot parse (e.g. FastAPI's
# "Money-Input"/"Money-Output" pair); an SDK silently missing pieces must not
# pass. CORRIDOR_SDK_ALLOW_WARNINGS=1 turns that off for a local experiment.
PY_STRICT=(--fail-on-warning)
[ "${CORRIDOR_SDK_ALLOW_WARNINGS:-0}" = "1" ] && PY_STRICT=()
echo ">> openapi-python-client generate ($SPEC)" >&2
"$PY_GEN" generate \
  --path "$SPEC_ABS" \
  --config "$ROOT/openapi/python-client.yaml" \
  --meta setup \
  --custom-template-path "$ROOT/openapi/python-templates" \
  --output-path "$WORK/python" \
  --overwrite \
  "${PY_STRICT[@]}" \
  || die "openapi-python-client failed or warned (see above); fix the spec (docs/sdk-toolchain.md)"
rm -rf "$WORK/python/.ruff_cache"   # in case a post-hook still wrote one
touch "$WORK/python/.gitkeep"

# --- TypeScript SDK --------------------------------------------------------
echo ">> openapi-ts ($SPEC)" >&2
CORRIDOR_OPENAPI_SPEC="$SPEC_ABS" CORRIDOR_TS_SDK_OUT="$WORK/typescript-src" \
  npx --no -- openapi-ts -f clients/typescript/openapi-ts.config.mjs \
  || die "openapi-ts failed (see above)"

# The TypeScript package's version is the API's (info.version).
API_VERSION="$(node -e 'process.stdout.write(require(process.argv[1]).info.version)' "$SPEC_ABS")"
package_version() {
  node -e 'process.stdout.write(require(process.argv[1]).version)' "$ROOT/clients/typescript/package.json"
}

if [ "$CHECK" -eq 1 ]; then
  status=0
  # Caches that importing or linting the SDK may leave behind are not drift, nor what
  # installing or packing it builds (pip install ./clients/python, npm pack).
  NOISE=(-x __pycache__ -x '*.pyc' -x .ruff_cache -x .mypy_cache -x .pytest_cache
         -x build -x '*.egg-info' -x dist -x node_modules)
  diff -ru "${NOISE[@]}" clients/python "$WORK/python" >&2 \
    || { echo "DRIFT: clients/python differs from what $SPEC generates" >&2; status=1; }
  diff -ru "${NOISE[@]}" clients/typescript/src "$WORK/typescript-src" >&2 \
    || { echo "DRIFT: clients/typescript/src differs from what $SPEC generates" >&2; status=1; }
  if [ "$(package_version)" != "$API_VERSION" ]; then
    echo "DRIFT: clients/typescript/package.json version $(package_version) is not the API's $API_VERSION" >&2
    status=1
  fi
  if [ "$status" -ne 0 ]; then
    echo "Run scripts/sdk_generate.sh and commit the result." >&2
  else
    echo "SDKs are up to date with $SPEC" >&2
  fi
  exit "$status"
fi

rm -rf clients/python clients/typescript/src
mkdir -p clients/typescript
cp -R "$WORK/python" clients/python
cp -R "$WORK/typescript-src" clients/typescript/src
if [ "$(package_version)" != "$API_VERSION" ]; then
  (cd clients/typescript && npm pkg set "version=$API_VERSION")
fi
echo "Generated clients/python (corridor_client) and clients/typescript/src from $SPEC" >&2
