#!/usr/bin/env bash
# Runs every test of the repository and ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# npm validators of the generated OpenAPI/AsyncAPI documents (tests/Serow.Http.Tests/Documents); reinstalled only when the lock file changes.
validators=tests/tools/doc-validators
if command -v npm >/dev/null 2>&1 && { [ ! -f "$validators/node_modules/.package-lock.json" ] || [ "$validators/package-lock.json" -nt "$validators/node_modules/.package-lock.json" ]; }; then
  echo "== npm ci in $validators (@redocly/cli, @apidevtools/swagger-parser, @asyncapi/parser and @asyncapi/cli, the validators of the generated documents)"
  (cd "$validators" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "npm ci failed in $validators"
fi

# @grpc/grpc-js client of the generated .proto files (tests/Serow.Grpc.Tests/Node); reinstalled only when the lock file changes.
grpc_node=tests/tools/grpc-node
if command -v npm >/dev/null 2>&1 && { [ ! -f "$grpc_node/node_modules/.package-lock.json" ] || [ "$grpc_node/package-lock.json" -nt "$grpc_node/node_modules/.package-lock.json" ]; }; then
  echo "== npm ci in $grpc_node (@grpc/grpc-js and @grpc/proto-loader, an independent gRPC client)"
  (cd "$grpc_node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "npm ci failed in $grpc_node"
fi

# TypeScript 5.9 and ws for the generated TypeScript clients' runs in Node (tests/Serow.FunctionalTests/TypeScript); reinstalled only when the lock file changes.
typescript_client=tests/tools/typescript-client
if command -v npm >/dev/null 2>&1 && { [ ! -f "$typescript_client/node_modules/.package-lock.json" ] || [ "$typescript_client/package-lock.json" -nt "$typescript_client/node_modules/.package-lock.json" ]; }; then
  echo "== npm ci in $typescript_client (typescript and ws, to compile and run the generated TypeScript clients)"
  (cd "$typescript_client" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "npm ci failed in $typescript_client"
fi

# Debian tools of the interoperability tests (tests/Serow.Http.Tests/Python and Browser, tests/Serow.Grpc.Tests) and
# the real Redis of tests/Serow.Redis.Tests:
# Python's websockets for the independent WebSocket client, grpcio and grpc-tools (an old protoc) for the independent
# gRPC client of the oneof .proto, chromium for the browser test. Installed only when missing; without them (and without
# root) those tests are skipped, except when CI=true, where they fail.
apt_missing=()
/usr/bin/python3 -c 'import websockets' >/dev/null 2>&1 || apt_missing+=(python3-websockets)
/usr/bin/python3 -c 'import grpc' >/dev/null 2>&1 || apt_missing+=(python3-grpcio)
/usr/bin/python3 -c 'import grpc_tools.protoc' >/dev/null 2>&1 || apt_missing+=(python3-grpc-tools)
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
[ -x /usr/bin/redis-server ] || apt_missing+=(redis-server)
if [ ${#apt_missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "== apt-get install ${apt_missing[*]} (the independent peers of the interoperability tests)"
    apt_log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"; } >"$apt_log" 2>&1 </dev/null; then
      tail -20 "$apt_log"
      echo "apt-get install failed: ${apt_missing[*]}"
    fi
    rm -f "$apt_log"
  else
    echo "missing ${apt_missing[*]} and cannot apt-get install them: their tests are skipped"
  fi
fi

echo "== build (warnings are errors)"
if ! dotnet build Serow.slnx -c Debug --nologo 2>&1 | tee "$log" | grep -E "error|Warn|Error|Elapsed"; then
  :
fi
if ! grep -q " 0 Error(s)" "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== tests"
# One test module at a time: on two cores, modules that load the machine (streams by the thousand, timed shutdowns)
# would otherwise disturb each other.
dotnet test --solution Serow.slnx --no-build -c Debug --no-progress --max-parallel-test-modules 1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-module summaries of Microsoft.Testing.Platform ("total: N", "succeeded: N", ...) of the final run summary.
summary=$(awk '/Test run summary/{found=1} found' "$log")
passed=$(echo "$summary" | awk '/succeeded:/{print $2}' | tail -1)
failed=$(echo "$summary" | awk '/failed:/{print $2}' | tail -1)
skipped=$(echo "$summary" | awk '/skipped:/{print $2}' | tail -1)
passed=${passed:-0}; failed=${failed:-0}; skipped=${skipped:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi

# The README's main job, end to end, with its transcript checked flow by flow on each transport.
echo "== main job"
bash eng/check-main-job.sh | tee "$log"
main_status=${PIPESTATUS[0]}
main_passed=$(awk '/^main job:/{print $3}' "$log" | tail -1)
main_failed=$(awk '/^main job:/{print $5}' "$log" | tail -1)
passed=$((passed + ${main_passed:-0}))
failed=$((failed + ${main_failed:-1}))
if [ "$main_status" -ne 0 ] && [ "$status" -eq 0 ]; then
  status=$main_status
fi

# docs/getting-started.md, followed verbatim in a temporary folder.
echo "== getting started guide"
python3 eng/check-getting-started.py | tee "$log"
guide_status=${PIPESTATUS[0]}
guide_passed=$(awk '/^getting started:/{print $3}' "$log" | tail -1)
guide_failed=$(awk '/^getting started:/{print $5}' "$log" | tail -1)
passed=$((passed + ${guide_passed:-0}))
failed=$((failed + ${guide_failed:-1}))
if [ "$guide_status" -ne 0 ] && [ "$status" -eq 0 ]; then
  status=$guide_status
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
