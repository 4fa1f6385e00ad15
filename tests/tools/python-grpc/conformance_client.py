#!/usr/bin/python3
"""An independent gRPC client (Debian's python3-grpcio), with stubs made by Debian's old protoc (python3-grpc-tools) from
the .proto Serow generates with --proto-presence oneof. It calls a Serow server built from the default (proto3
optional) .proto: the two are the same wire format.

Usage: conformance_client.py <generated stubs dir> <host:port>
Prints "ok <check>" or "FAIL <check>: <detail>" per check, then "N passed, N failed"; exit code 0 when all passed.
"""

import sys

sys.path.insert(0, sys.argv[1])

import grpc  # noqa: E402
import conformance_pb2 as pb  # noqa: E402
import conformance_pb2_grpc as rpc  # noqa: E402

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok {name}", flush=True)
    else:
        failed += 1
        print(f"FAIL {name}: {detail}", flush=True)


def main():
    channel = grpc.insecure_channel(sys.argv[2])
    stub = rpc.ConformanceStub(channel)

    echoed = stub.Echo(pb.EchoRequest(text="hello"), timeout=10)
    check("echo: the text comes back", echoed.text == "hello", echoed)

    # fail_at absent (its oneof unset): every value arrives.
    values = [r.value for r in stub.Count(pb.CountRequest(to=3), timeout=10)]
    check("count: an absent optional field is absent on the server", values == [1, 2, 3], values)

    # fail_at present: the server sees it and fails before 2 with its typed error in the trailers.
    received = []
    try:
        for r in stub.Count(pb.CountRequest(to=3, fail_at=2), timeout=10):
            received.append(r.value)
        check("count: a present optional field fails the stream", False, received)
    except grpc.RpcError as error:
        trailers = dict(error.trailing_metadata() or [])
        check("count: results before the failure arrive", received == [1], received)
        check("count: the failure is UNAVAILABLE named boom", error.code() == grpc.StatusCode.UNAVAILABLE and trailers.get("serow-error-name") == "boom",
              (error.code(), trailers))

    # fail_at present with the value 0 (presence, not a default): the server fails before the first result.
    try:
        list(stub.Count(pb.CountRequest(to=3, fail_at=0), timeout=10))
        check("count: a present zero is present", False, "no error")
    except grpc.RpcError as error:
        check("count: a present zero is present", dict(error.trailing_metadata() or []).get("serow-error-name") == "boom", error.details())

    print(f"{passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
