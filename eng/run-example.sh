#!/usr/bin/env bash
# The main job: regenerate the streaming example from its design with `serow gen`, then run every seed flow.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== serow gen examples/streaming/design"
dotnet run --project src/Serow.Cli -c Release -- gen examples/streaming/design --output examples/streaming/gen

echo
echo "== the streaming example: host on gRPC and HTTP, every seed flow over both"
dotnet run --project examples/streaming/Streaming.Demo -c Release
