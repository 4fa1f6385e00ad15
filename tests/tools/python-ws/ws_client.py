#!/usr/bin/python3
"""An independent client of Serow's WebSocket protocol (docs/protocol-websocket.md), with no Serow code.

Usage: ws_client.py <base ws url> <scenario>     e.g. ws_client.py ws://127.0.0.1:5000 subscribe

It speaks to the streaming example's services (examples/streaming) and prints one line per check:
    ok <check>                 the check held
    FAIL <check>: <detail>     it did not
    wait <tag>                 the scenario waits for one line on stdin (the test drives the server side meanwhile)
The exit code is 0 when every check held, 1 when one failed, 2 for a usage or environment error.
Every wait is bounded (TIMEOUT seconds), so a broken server fails the scenario instead of hanging it.
"""

import asyncio
import json
import os
import re
import sys
import urllib.parse

try:
    import websockets
    from websockets.exceptions import ConnectionClosed, InvalidStatusCode
except ImportError as error:  # the test runner reports a missing module as a skip (or a failure in CI)
    print(f"missing module: {error}", flush=True)
    sys.exit(2)

TIMEOUT = 10
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ERROR_KEYS = {"name", "id", "message", "temporary", "timeout", "fault"}


class Checks:
    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}", flush=True)
        return condition


checks = Checks()


# The example's secured methods: chat.connect takes a bearer token (sent as a header, as any non-browser client does),
# logger.manage the API key (sent in the subprotocol list, as a browser must: docs/security.md).
TOKEN = os.environ.get("SEROW_TOKEN", "")
API_KEY = os.environ.get("SEROW_API_KEY", "")


def header_option(headers):
    # websockets 14 renamed extra_headers to additional_headers; Debian 12 ships 10.x.
    major = int(websockets.__version__.split(".")[0])
    return {"additional_headers" if major >= 14 else "extra_headers": headers}


async def connect(base, path, **options):
    if path.startswith("/chat/connect") and TOKEN:
        options.update(header_option({"Authorization": "Bearer " + TOKEN}))
    if path.startswith("/logs/manage") and API_KEY:
        options["subprotocols"] = ["serow.v1", "serow.apikey." + API_KEY]
    # No Origin header: a non-browser client (protocol §7). Compression off: plain frames as the protocol describes.
    return await asyncio.wait_for(
        websockets.connect(base + path, compression=None, open_timeout=TIMEOUT, close_timeout=TIMEOUT,
                           max_size=8 * 1024 * 1024, **options),
        TIMEOUT)


async def recv_json(ws):
    text = await asyncio.wait_for(ws.recv(), TIMEOUT)
    if not isinstance(text, str):
        raise AssertionError(f"expected a text frame, got {len(text)} bytes of binary")
    return json.loads(text)


async def recv_until_closed(ws):
    """Every message left before the peer's close frame, then (code, reason) of that close."""
    messages = []
    for _ in range(1000):
        try:
            messages.append(await asyncio.wait_for(ws.recv(), TIMEOUT))
        except ConnectionClosed:
            break
    await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
    return messages, ws.close_code, ws.close_reason


def is_error_frame(message):
    return isinstance(message, dict) and list(message.keys()) == ["$serow.error"]


def check_error_frame(name, text, expected_name):
    """The error frame is a JSON object with the single property $serow.error holding the error body (§4)."""
    try:
        frame = json.loads(text)
    except (TypeError, ValueError):
        checks.check(f"{name}: error frame is JSON", False, repr(text)[:200])
        return None
    checks.check(f"{name}: error frame has the single property $serow.error", is_error_frame(frame), text[:200])
    error = frame.get("$serow.error", {}) if isinstance(frame, dict) else {}
    checks.check(f"{name}: error frame names {expected_name}", error.get("name") == expected_name, text[:300])
    checks.check(f"{name}: error frame has name, id, message and flags", ERROR_KEYS <= set(error), sorted(error))
    checks.check(f"{name}: error frame has a readable message", isinstance(error.get("message"), str) and len(error["message"]) > 0, text[:200])
    return error


def event(i):
    return json.dumps({"event_type": "click" if i % 2 == 0 else "view",
                       "timestamp": "2025-01-0%dT10:00:00Z" % (i % 9 + 1),
                       "data": "ZXZlbnQ="})


async def upload(base, count):
    """analytics.process (client streaming): count events, the end-of-input frame (null), one result frame, the server's close 1000."""
    ws = await connect(base, "/analytics/process")
    for i in range(count):
        await ws.send(event(i))
    await ws.send("null")
    messages, code, reason = await recv_until_closed(ws)
    return messages, code


async def chat_echo(ws, user, text):
    await ws.send(json.dumps({"message": text, "user_id": user}))
    for _ in range(100):
        reply = await recv_json(ws)
        if reply.get("user_id") == user and reply.get("message") == text:
            return reply
    raise AssertionError("no echo")


async def healthy(ws, user, after):
    try:
        reply = await chat_echo(ws, user, f"still here after {after}")
        checks.check(f"parallel chat stream still works after {after}", TIMESTAMP.match(reply.get("timestamp", "")) is not None, reply)
    except Exception as error:  # noqa: BLE001 - any failure of the healthy stream is the finding
        checks.check(f"parallel chat stream still works after {after}", False, repr(error))


async def wait_for_line(tag):
    print(f"wait {tag}", flush=True)
    line = await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline), 20)
    return line.strip()


# ---------------------------------------------------------------------------------------------------------------
# Scenarios


async def subscribe(base):
    """logger.subscribe: a server stream of {timestamp, message}; entries come from analytics uploads on other sockets."""
    ws = await connect(base, "/logs/analytics/stream")
    checks.check("subscribe: upgraded to a WebSocket (the subscription waits for its first event)", ws.open)

    for count in (3, 5):
        messages, code = await upload(base, count)
        checks.check(f"upload {count}: one result frame", len(messages) == 1, messages)
        result = json.loads(messages[0]) if messages else {}
        checks.check(f"upload {count}: processed_count is {count}", result == {"processed_count": count}, result)
        checks.check(f"upload {count}: the server's close is 1000", code == 1000, code)

        expected = f"processed {count} events"
        entry = {}
        for _ in range(50):
            entry = await recv_json(ws)
            if entry.get("message") == expected:
                break
        checks.check(f"subscribe: received \"{expected}\"", entry.get("message") == expected, entry)
        checks.check(f"subscribe: entry has exactly timestamp and message", sorted(entry) == ["message", "timestamp"], sorted(entry))
        checks.check(f"subscribe: timestamp is RFC 3339", TIMESTAMP.match(entry.get("timestamp", "")) is not None, entry.get("timestamp"))

    # An upload by another client (the test answers "uploaded N" after using Serow's generated client) reaches us too.
    answer = await wait_for_line("subscribed")
    if answer.startswith("uploaded "):
        expected = f"processed {answer.split()[1]} events"
        entry = {}
        for _ in range(50):
            entry = await recv_json(ws)
            if entry.get("message") == expected:
                break
        checks.check("subscribe: received the entry of the other client's upload", entry.get("message") == expected, entry)

    # Sending data on a server stream breaks the direction rule (§2): protocol_error, close 1008.
    other = await connect(base, "/logs/other/stream")
    await other.send(json.dumps({"topic": "x"}))
    messages, code, _ = await recv_until_closed(other)
    checks.check("data frame on a server stream: one error frame", len(messages) == 1, messages)
    if messages:
        check_error_frame("data frame on a server stream", messages[0], "protocol_error")
    checks.check("data frame on a server stream: close 1008", code == 1008, code)

    # Abandon the subscription (close 1001 = going away): the server cancels the handler (the test observes the hub).
    await asyncio.wait_for(ws.close(1001, "going away"), TIMEOUT)
    checks.check("subscribe: closed with 1001", ws.closed)
    await wait_for_line("subscription-closed")


async def chat(base):
    """chat.connect (bidirectional): echo with timestamp, broadcast, then half-close."""
    alice = await connect(base, "/chat/connect")
    bob = await connect(base, "/chat/connect")

    reply = await chat_echo(alice, "alice", "alice is here")
    checks.check("chat: the sender gets its message back", reply.get("message") == "alice is here", reply)
    checks.check("chat: reply has message, user_id and timestamp", sorted(reply) == ["message", "timestamp", "user_id"], sorted(reply))
    checks.check("chat: timestamp is RFC 3339", TIMESTAMP.match(reply.get("timestamp", "")) is not None, reply)
    await chat_echo(bob, "bob", "bob is here")
    await alice.send(json.dumps({"message": "hello bob", "user_id": "alice"}))
    # Bob may also get alice's earlier "alice is here" when his stream joined the room before it: skip it.
    seen = None
    for _ in range(20):
        message = await recv_json(bob)
        if message.get("user_id") == "alice" and message.get("message") == "hello bob":
            seen = message
            break
    checks.check("chat: the other member receives the broadcast", seen is not None and seen.get("message") == "hello bob", seen)

    # Half-close: alice sends two messages and her end of input (the null frame) at once; the server still answers
    # both, then closes 1000. Bob's messages reach alice through the room's topic, on their own schedule: they may
    # arrive anywhere among her own echoes, so only alice's own replies are checked for order.
    await alice.send(json.dumps({"message": "one", "user_id": "alice"}))
    await alice.send(json.dumps({"message": "two", "user_id": "alice"}))
    await alice.send("null")
    messages, code, reason = await recv_until_closed(alice)
    own = [m.get("message") for m in map(json.loads, messages) if m.get("user_id") == "alice"]
    checks.check("half-close: the server's remaining messages arrive after the client's end of input", own[-2:] == ["one", "two"], own)
    checks.check("half-close: then the server closes with 1000", code == 1000, (code, reason))

    # bob is unaffected and ends the same way.
    await chat_echo(bob, "bob", "alice left")
    await bob.send("null")
    messages, code, _ = await recv_until_closed(bob)
    checks.check("null frame ends input: the server closes with 1000", code == 1000, (code, messages))


async def manage(base):
    """logger.manage (bidirectional): add a topic, see the confirmation and the topic's entries, remove it, half-close."""
    ws = await connect(base, "/logs/manage")
    await ws.send(json.dumps({"action": "add", "topic": "analytics"}))
    confirmation = await recv_json(ws)
    checks.check("manage: add is confirmed on the stream",
                 confirmation.get("topic") == "logger" and "now following [analytics]" in confirmation.get("message", ""), confirmation)
    checks.check("manage: entry has timestamp, message and topic", sorted(confirmation) == ["message", "timestamp", "topic"], sorted(confirmation))

    await upload(base, 4)
    entry = {}
    for _ in range(50):
        entry = await recv_json(ws)
        if entry.get("topic") == "analytics":
            break
    checks.check("manage: the followed topic's entry arrives", entry == {**entry, "topic": "analytics", "message": "processed 4 events"}, entry)

    await ws.send(json.dumps({"action": "remove", "topic": "analytics"}))
    confirmation = await recv_json(ws)
    checks.check("manage: remove is confirmed", "now following []" in confirmation.get("message", ""), confirmation)

    await ws.send("null")
    messages, code, reason = await recv_until_closed(ws)
    checks.check("manage: half-close ends the call with 1000", code == 1000, (code, reason, messages))


async def errors(base):
    """Typed error frames and close codes, each on its own connection, while a healthy chat stream keeps working."""
    keeper = await connect(base, "/chat/connect")
    await chat_echo(keeper, "keeper", "first")

    # A message the design rejects: error frame invalid_message naming the field and rule, close 4400.
    ws = await connect(base, "/logs/manage")
    await ws.send(json.dumps({"action": "jump", "topic": "system"}))
    messages, code, reason = await recv_until_closed(ws)
    checks.check("invalid action: exactly one frame before the close", len(messages) == 1, messages)
    if messages:
        error = check_error_frame("invalid action", messages[0], "invalid_message")
        violations = (error or {}).get("errors") or []
        checks.check("invalid action: the violation names field action and rule enum",
                     any(v.get("field") == "action" and v.get("rule") == "enum" for v in violations), violations)
        checks.check("invalid action: error is not temporary, timeout or fault",
                     (error or {}).get("temporary") is False and (error or {}).get("timeout") is False and (error or {}).get("fault") is False, error)
    checks.check("invalid action: close 4400 invalid_message", (code, reason) == (4400, "invalid_message"), (code, reason))
    await healthy(keeper, "keeper", "invalid action")

    # A required field missing: the same error, rule missing... named by the runtime as required.
    ws = await connect(base, "/logs/manage")
    await ws.send(json.dumps({"action": "add"}))
    messages, code, reason = await recv_until_closed(ws)
    if messages:
        error = check_error_frame("missing topic", messages[0], "invalid_message")
        violations = (error or {}).get("errors") or []
        checks.check("missing topic: the violation names field topic", any(v.get("field") == "topic" for v in violations), violations)
    checks.check("missing topic: close 4400", code == 4400, (code, reason))
    await healthy(keeper, "keeper", "missing topic")

    # Larger than the server's MaxMessageSize (4 MiB): protocol_error, close 1009.
    ws = await connect(base, "/logs/manage")
    big = json.dumps({"action": "add", "topic": "x" * (4 * 1024 * 1024 + 16)})
    try:
        await asyncio.wait_for(ws.send(big), TIMEOUT)
    except ConnectionClosed:
        pass  # the server may close before the whole frame is written; its close code is what counts
    messages, code, reason = await recv_until_closed(ws)
    if messages:
        check_error_frame("oversized message", messages[0], "protocol_error")
    checks.check("oversized message: one error frame", len(messages) == 1, [m[:200] for m in messages])
    checks.check("oversized message: close 1009", code == 1009, (code, reason))
    await healthy(keeper, "keeper", "oversized message")

    # Not JSON: protocol_error, close 1007.
    ws = await connect(base, "/logs/manage")
    await ws.send("{\"action\": \"add\", \"topic\": ")
    messages, code, reason = await recv_until_closed(ws)
    checks.check("invalid JSON: one error frame", len(messages) == 1, messages)
    if messages:
        error = check_error_frame("invalid JSON", messages[0], "protocol_error")
    checks.check("invalid JSON: close 1007", code == 1007, (code, reason))
    await healthy(keeper, "keeper", "invalid JSON")

    # A binary frame where text is expected: protocol_error, close 1003.
    ws = await connect(base, "/logs/manage")
    await ws.send(json.dumps({"action": "add", "topic": "system"}).encode())
    messages, code, reason = await recv_until_closed(ws)
    checks.check("binary frame: one error frame", len(messages) == 1, messages)
    if messages:
        check_error_frame("binary frame", messages[0], "protocol_error")
    checks.check("binary frame: close 1003", code == 1003, (code, reason))
    await healthy(keeper, "keeper", "binary frame")

    # A payload refused before the upgrade: an HTTP error with the Serow-Error header (§1).
    try:
        ws = await connect(base, "/monitor/watch?interval=0")
        checks.check("refused upgrade: interval=0 is refused", False, "upgraded")
        await ws.close()
    except InvalidStatusCode as refused:
        checks.check("refused upgrade: status 400", refused.status_code == 400, refused.status_code)
        header = refused.headers.get("Serow-Error", "")
        try:
            body = json.loads(urllib.parse.unquote(header))
        except ValueError:
            body = {}
        checks.check("refused upgrade: Serow-Error header holds the error body",
                     body.get("name") == "invalid_message" and any(v.get("field") == "interval" for v in body.get("errors", [])), header)
    await healthy(keeper, "keeper", "refused upgrade")

    await keeper.send("null")
    _, code, _ = await recv_until_closed(keeper)
    checks.check("parallel chat stream ends normally", code == 1000, code)


async def disconnect(base):
    """Connections dropped without a close frame: the test checks the server cancelled the handlers."""
    member = await connect(base, "/chat/connect")
    await chat_echo(member, "leaver", "joined")
    follower = await connect(base, "/logs/manage")
    await follower.send(json.dumps({"action": "add", "topic": "system"}))
    await recv_json(follower)
    checks.check("disconnect: chat member and log follower are connected", member.open and follower.open)
    command = await wait_for_line("connected")
    checks.check("disconnect: the test saw both handlers running", command == "drop", command)
    # Drop the TCP connections: no close frame, as a crashed client or a lost network would.
    member.transport.abort()
    follower.transport.abort()
    await asyncio.sleep(0)
    print("dropped", flush=True)
    await wait_for_line("dropped")


async def close_stream(name, ws, variant):
    """The client stops a stream with a close frame (1000, 1001 or no status code): the server answers at once."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    if variant == "no status":
        # An empty close frame: no status code at all (RFC 6455 §5.5.1 allows it; the peer reads it as 1005).
        await ws.write_close_frame(websockets.frames.Close(1005, ""), b"")
        await asyncio.wait_for(ws.wait_closed(), TIMEOUT)
    else:
        await asyncio.wait_for(ws.close(int(variant), "stop"), TIMEOUT)
    elapsed = loop.time() - start
    checks.check(f"{name}, close {variant}: the server answers within 1 s", elapsed < 1.0, f"{elapsed:.3f} s")
    # 1006 means the connection ended without the server's close frame (a reset, or a timeout of ours).
    checks.check(f"{name}, close {variant}: the server's close frame arrived (no reset)", ws.close_code not in (None, 1006), ws.close_code)


async def closes(base):
    """Item 1 of the stream-core issue: a standard client's close stops every kind of stream promptly, without a reset."""
    for variant in ("1000", "1001", "no status"):
        # Server stream: the subscription waits for entries.
        ws = await connect(base, "/logs/closes/stream")
        await close_stream("server stream", ws, variant)
        # Client stream: some events, then a close instead of the end of input.
        ws = await connect(base, "/analytics/process")
        await ws.send(event(0))
        await close_stream("client stream", ws, variant)
        # Bidirectional: one exchange, then a close.
        ws = await connect(base, "/chat/connect")
        await chat_echo(ws, "closer", "hello")
        await close_stream("bidirectional stream", ws, variant)
    # The test checks that every handler's token was cancelled (no stream is left open on the server).
    await wait_for_line("closed")


SCENARIOS = {"subscribe": subscribe, "chat": chat, "manage": manage, "errors": errors, "disconnect": disconnect, "closes": closes}


def main(argv):
    if len(argv) != 3 or argv[2] not in SCENARIOS:
        print(f"usage: {argv[0]} <base ws url> <{'|'.join(SCENARIOS)}>", flush=True)
        return 2
    base = argv[1].rstrip("/")
    try:
        asyncio.run(asyncio.wait_for(SCENARIOS[argv[2]](base), 60))
    except Exception as error:  # noqa: BLE001 - report, never hang
        checks.check(f"{argv[2]}: scenario ran to the end", False, f"{type(error).__name__}: {error}")
    print(f"{checks.passed} passed, {checks.failed} failed", flush=True)
    return 0 if checks.failed == 0 and checks.passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
