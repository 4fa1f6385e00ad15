#!/usr/bin/env bash
# Builds and runs the WebSocket benchmark (Release): Serow vs raw ASP.NET Core WebSockets vs SignalR on loopback.
# Arguments are passed on, e.g. `bash run.sh --scenario all --seconds 2 --repetitions 5 --idle-connections 10000`.
set -euo pipefail
cd "$(dirname "$0")"
# 10,000 idle streams need 10,000 descriptors in each process: raise the soft limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
dotnet build -c Release --nologo -v q
# The Node client of the sse-node-* scenarios (the generated TypeScript client and a plain fetch reader).
if command -v npm >/dev/null 2>&1; then
  (cd typescript && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run build --silent >/dev/null)
fi
exec dotnet bin/Release/net10.0/Serow.Benchmarks.WebSockets.dll "$@"
