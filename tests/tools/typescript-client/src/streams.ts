// Server-Sent Events with every event field mapped and raw bodies, through the generated TypeScript client of
// testassets/Designs/HttpStreamsDesign.cs: the data, id, event type and retry of each event back in their attributes,
// resume by Last-Event-ID, typed errors before and during the stream, whole-result events from a POST, and raw request
// and response bodies.

import { FeedClient, FilesClient, GoneError, TooLargeError, type TicksResult } from "../../../../testassets/GeneratedTypeScript/HttpStreams/src/index.js";
import { Checks, collect, describe, withTimeout } from "./checks.js";
import type { Environment } from "./conformance.js";

/** Byte i of a generated file is i mod 251, as the server's PatternStream. */
function pattern(length: number, offset = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = (offset + i) % 251;
  }

  return bytes;
}

export async function runStreams(environment: Environment, checks: Checks): Promise<void> {
  const feed = new FeedClient(environment.options);
  const files = new FilesClient(environment.options);

  await checks.scenario("ticks", async () => {
    const ticks: TicksResult[] = await collect(await feed.ticks({ topic: "plain", count: 4 }));
    checks.check("ticks: each event's data, id, event type and retry fill their attributes",
      ticks.length === 4 && ticks[0]?.text === "tick 1" && ticks[0].id === "1" && ticks[0].retry_ms === 1500 && ticks[0].kind === undefined
        && ticks[1]?.kind === "even" && ticks[1].id === "2" && ticks[1].retry_ms === undefined && ticks[3]?.text === "tick 4", ticks);

    const [multiline] = await collect(await feed.ticks({ topic: "multiline" }));
    checks.check("ticks: a multi-line text survives the data lines", multiline?.text === "first\nsecond\n\nfourth", multiline);

    const resumed = (await collect(await feed.ticks({ topic: "plain", count: 2, last_id: "5" }))).map((t) => t.id);
    checks.check("ticks: last_id travels as Last-Event-ID and the stream resumes after it", resumed.join(",") === "6,7", resumed);

    const before = await checks.rejection("ticks: error before the stream", feed.ticks({ topic: "fail_before" }));
    checks.check("ticks: an error before the stream is the typed error response (GoneError, 404)",
      before instanceof GoneError && before.status === 404 && before.message === "the topic was removed", describe(before));

    const stream = await feed.ticks({ topic: "fail_after", count: 3 });
    const got: string[] = [];
    const after = await checks.rejection("ticks: error after the start", (async () => {
      for await (const tick of stream) {
        got.push(tick.text);
      }
    })());
    checks.check("ticks: the results, then the error event as the typed error (GoneError)",
      got.join("|") === "tick 1|tick 2|tick 3" && after instanceof GoneError && after.message === "the topic went away mid-stream", [got, describe(after)]);

    const abort = new AbortController();
    const waiting = await feed.ticks({ topic: "wait" }, abort.signal);
    const ready = await waiting.recv();
    const pending = waiting.recv();
    abort.abort();
    const cancelled = await checks.rejection("ticks: abort", withTimeout(pending, 5_000, "the aborted receive"));
    checks.check("ticks: AbortSignal ends the event stream with an AbortError",
      ready?.text === "ready" && cancelled instanceof Error && cancelled.name === "AbortError", describe(cancelled));
  });

  await checks.scenario("snapshots", async () => {
    const snapshots = await collect(await feed.snapshots({ names: ["a", "bb"], count: 3 }));
    checks.check("snapshots: a POST's JSON body, and each event's data a whole result with a map",
      snapshots.length === 3 && snapshots[2]?.seq === 2 && snapshots[2].values["bb"] === 2.2 && snapshots[0]?.values["a"] === 1, snapshots);
  });

  await checks.scenario("files", async () => {
    const size = 300_000;
    const uploaded = await files.upload({ name: "bytes.bin", content_type: "application/octet-stream" }, pattern(size));
    checks.check("files: a raw request body of bytes arrives whole", uploaded.bytes === size && uploaded.name === "bytes.bin" && uploaded.content_type === "application/octet-stream", uploaded);

    const blob = await files.upload({ name: "blob.bin", content_type: "application/x-serow-pattern" }, new Blob([pattern(1000)]));
    checks.check("files: a Blob body, with the Content-Type the payload maps", blob.bytes === 1000 && blob.content_type === "application/x-serow-pattern", blob);

    if (environment.streamsRequestBodies) {
      const chunks = [pattern(70_000), pattern(50_000, 70_000)];
      const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk === undefined) {
            controller.close();
          } else {
            controller.enqueue(chunk);
          }
        },
      });
      const streamed = await files.upload({ name: "stream.bin", content_type: "application/octet-stream" }, body);
      checks.check("files: a ReadableStream body is sent as it is read", streamed.bytes === 120_000, streamed);
    }

    const refused = await checks.rejection("files: too large", files.upload({ name: "too_large" }, pattern(10)));
    checks.check("files: a designed error of a raw upload is typed (TooLargeError, 413)", refused instanceof TooLargeError && refused.status === 413, describe(refused));

    const response = await files.download({ size });
    const bytes = new Uint8Array(await response.arrayBuffer());
    checks.check("files: a raw response body arrives whole, with its media type",
      bytes.length === size && bytes.every((b, i) => b === i % 251) && response.headers.get("content-type") === "application/x-serow-bytes",
      [bytes.length, response.headers.get("content-type")]);

    const failed = await checks.rejection("files: download refused", files.download({ size: 10, fail: "before" }));
    checks.check("files: a designed error before the raw body is typed (TooLargeError, 413)", failed instanceof TooLargeError && failed.status === 413, describe(failed));

    const invalid = await checks.rejection("files: negative size", files.download({ size: -1 }));
    checks.check("files: an invalid payload is refused before the request (minimum)", invalid instanceof Error && invalid.name === "ValidationError", describe(invalid));
  });
}
