#!/usr/bin/env bash
# Runs the README's main job (eng/run-example.sh) and checks its transcript: every seed flow on every transport.
# Prints one line per check and ends with "main job: N passed, N failed"; exits non-zero when a check failed.
set -uo pipefail
cd "$(dirname "$0")/.."

transcript=${1:-$(mktemp)}
timeout 600 bash eng/run-example.sh >"$transcript" 2>&1
status=$?

passed=0
failed=0
check() {
  if grep -qF -- "$2" "$transcript"; then
    echo "  ok   $1"
    passed=$((passed + 1))
  else
    echo "  FAIL $1 (missing: $2)"
    failed=$((failed + 1))
  fi
}

echo "== main job transcript checks"
if [ "$status" -eq 0 ]; then echo "  ok   main job exit code 0"; passed=$((passed + 1)); else echo "  FAIL main job exit code $status"; failed=$((failed + 1)); fi
check "serow gen regenerated the example" "Generated "
for t in gRPC WebSocket; do
  check "$t monitor.watch streams samples" "[$t] monitor.watch sample 3: CPU "
  check "$t analytics.process counts the upload" "[$t] analytics.process sent 5 events, processed_count = 5"
  check "$t chat.connect broadcasts to the other member" "[$t] chat.connect bob <- alice: \"hello bob\""
  check "$t chat.connect half-close ends both streams" "[$t] chat.connect both half-closed; both streams ended cleanly"
  check "$t chat.events watches the room" "[$t] chat.events (typed event stream"
  check "$t chat.events sees alice join" "[$t] chat.events <- joined: alice ("
  check "$t chat.events sees bob join" "[$t] chat.events <- joined: bob ("
  check "$t chat.events sees the messages" "[$t] chat.events <- message: bob: \"hi alice\""
  check "$t chat.events sees alice leave" "[$t] chat.events <- left: alice"
  check "$t chat.events sees bob leave" "[$t] chat.events <- left: bob"
  check "$t logger.subscribe receives live entries" "[$t] logger.subscribe <- ["
  check "$t logger.follow resumes after the last event id" "[$t] logger.follow resumed after id"
  check "$t logger.manage follows an added topic" "[$t] logger.manage <- [analytics] processed 3 events"
  check "$t logger.manage stops following a removed topic" "[$t] logger.manage <- [chat] carol: anyone there?"
  check "$t chat.connect without a token is refused" "[$t] chat.connect without a token is refused: unauthenticated:"
  check "$t logger.manage without the API key is refused" "[$t] logger.manage without the API key is refused: unauthenticated:"
done
check "the main job ran with a token from the host and its API key" "credentials: a token from POST /dev/token?user=demo"
check "the count interceptor saw every chat message on both transports" "count interceptor: the server counted 10 chat messages (alice 4, bob 4, carol 2)"
check "the host stopped after the flows" "done: every flow completed on gRPC and WebSocket"

if [ "$failed" -gt 0 ]; then
  echo "---- transcript ----"
  cat "$transcript"
fi
echo "main job: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
