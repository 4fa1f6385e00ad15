#!/usr/bin/env bash
# Scale-out check: one redis-server, two example hosts sharing their topics on it, a subscriber following the "chat" log
# on host B while publishers chat on host A. Host B is killed mid-stream; the subscriber's generated client reconnects to
# host A and resumes after the last entry it received. Ends with "received N of N, 0 lost, 0 duplicated" (exit 0) or
# exits non-zero.  Usage: bash eng/run-scaleout.sh [count, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
count="${1:-100000}"

if [ ! -x /usr/bin/redis-server ]; then
  echo "== apt-get install redis-server"
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server </dev/null >/dev/null
  else
    sudo -n env DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends redis-server' </dev/null >/dev/null
  fi
fi

echo "== build (Release)"
dotnet build examples/streaming/Streaming.ScaleOut -c Release -v quiet -nologo >/dev/null
dotnet build examples/streaming/Streaming.Server -c Release -v quiet -nologo >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

redis_port=$(free_port)
/usr/bin/redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!); disown
for _ in $(seq 1 50); do
  if /usr/bin/redis-cli -p "$redis_port" ping >/dev/null 2>&1; then break; fi
  sleep 0.1
done
echo "redis-server on 127.0.0.1:$redis_port"

server=examples/streaming/Streaming.Server/bin/Release/net10.0/Streaming.Server.dll
start_host() { # name grpc-port http-port
  dotnet "$server" --GrpcPort "$2" --HttpPort "$3" --Redis "127.0.0.1:$redis_port" >"$work/host-$1.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid"); disown
  for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$3/" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "host $1 did not start:"; cat "$work/host-$1.log"; exit 1
}

a_grpc=$(free_port); a_http=$(free_port); start_host A "$a_grpc" "$a_http"; a_pid=$last_pid
b_grpc=$(free_port); b_http=$(free_port); start_host B "$b_grpc" "$b_http"; b_pid=$last_pid
echo "host A on http://127.0.0.1:$a_http/ (pid $a_pid), host B on http://127.0.0.1:$b_http/ (pid $b_pid)"

status=0
dotnet examples/streaming/Streaming.ScaleOut/bin/Release/net10.0/Streaming.ScaleOut.dll \
  --a "http://127.0.0.1:$a_http/" --b "http://127.0.0.1:$b_http/" --kill "$b_pid" --count "$count" || status=$?
if [ "$status" -ne 0 ]; then
  echo "== host A's log"; tail -50 "$work/host-A.log"
  echo "== host B's log"; tail -20 "$work/host-B.log"
  exit "$status"
fi
