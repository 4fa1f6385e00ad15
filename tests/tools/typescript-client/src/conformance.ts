// The conformance scenarios through the generated TypeScript client of testassets/Designs/ConformanceDesign.cs: unary,
// server, client and bidirectional streams over a WebSocket (plain and batched) and as Server-Sent Events, typed
// errors before and during streams, validation both ways, views and cancellation by AbortSignal. The same module runs
// in Node (node-main.ts) and in Chromium (browser.html).

import {
  BoomError, ConformanceClient, ServiceError, ValidationError,
  type ClientOptions, type SumStreamingPayload,
} from "../../../../testassets/GeneratedTypeScript/Conformance/src/index.js";
import { Checks, collect, describe, withTimeout } from "./checks.js";

export interface Environment {
  /** The options every client starts from (the base address, a WebSocket class on Node 20). */
  readonly options: ClientOptions;
  /** Whether a refused WebSocket upgrade can be read (Node's ws can; a browser hides the answer). */
  readonly readsRefusedUpgrades: boolean;
  /** Whether fetch can stream a request body over HTTP/1.1 (Node can; browsers stream uploads over HTTP/2 only). */
  readonly streamsRequestBodies: boolean;
}

const Second = 1_000;

export async function runConformance(environment: Environment, checks: Checks): Promise<void> {
  const client = new ConformanceClient(environment.options);
  const batched = new ConformanceClient({ ...environment.options, batch: true });
  const events = new ConformanceClient({ ...environment.options, serverStreamsAsEvents: true });

  await checks.scenario("echo", async () => {
    const result = await client.echo({ text: "hello" });
    checks.check("echo: unary answer", result.text === "hello", result);

    const invalid = await checks.rejection("echo: too long text", client.echo({ text: "x".repeat(101) }));
    checks.check("echo: too long text is refused before sending (ValidationError)", invalid instanceof ValidationError, invalid);
    const violation = invalid instanceof ValidationError ? invalid.violations[0] : undefined;
    checks.check("echo: the violation names the field and rule, with the C# validators' message",
      violation?.field === "text" && violation.rule === "maxLength" && violation.message === 'field "text" must have a length of at most 100 but has 101', violation);

    const boom = await checks.rejection("echo: designed error", client.echo({ text: "x", fail: true }));
    checks.check("echo: designed error is BoomError (boom, temporary, 503)",
      boom instanceof BoomError && boom.errorName === "boom" && boom.temporary && boom.status === 503 && (boom.id ?? "").length === 8, describe(boom));
  });

  for (const [transport, c] of [["WebSocket", client], ["batched WebSocket", batched], ["Server-Sent Events", events]] as const) {
    await checks.scenario(`count over ${transport}`, async () => {
      const values = (await collect(await c.count({ to: 5 }))).map((r) => r.value);
      checks.check(`count over ${transport}: 1..5 in order`, values.join(",") === "1,2,3,4,5", values);

      const stream = await c.count({ to: 5, fail_at: 3 });
      const first = [await stream.recv(), await stream.recv()].map((r) => r?.value);
      const failure = await checks.rejection(`count over ${transport}: mid-stream error`, stream.recv());
      checks.check(`count over ${transport}: the results, then the typed error mid-stream`,
        first.join(",") === "1,2" && failure instanceof BoomError && failure.message === "count failed before 3", [first, describe(failure)]);
    });
  }

  await checks.scenario("count: many results", async () => {
    const values = (await collect(await batched.count({ to: 1000 }))).map((r) => r.value);
    checks.check("count: 1,000 results over the batched WebSocket, in order", values.length === 1000 && values.every((v, i) => v === i + 1), values.length);
  });

  await checks.scenario("count: refused before the stream", async () => {
    const refusal = await checks.rejection("count: error before the first result", client.count({ to: 5, fail_at: 0 }));
    if (environment.readsRefusedUpgrades) {
      checks.check("count: an error before the first result refuses the upgrade with the typed error (BoomError, 503)",
        refusal instanceof BoomError && refusal.status === 503, describe(refusal));
    } else {
      checks.check("count: an error before the first result fails the connect with a ServiceError",
        refusal instanceof ServiceError, describe(refusal));
    }

    const sse = await checks.rejection("count as events: error before the first result", events.count({ to: 5, fail_at: 0 }));
    checks.check("count as events: an error before the first result is the typed error response (BoomError, 503)",
      sse instanceof BoomError && sse.status === 503, describe(sse));

    const invalid = await checks.rejection("count: negative to", client.count({ to: -1 }));
    checks.check("count: an invalid payload is refused before connecting (minimum)",
      invalid instanceof ValidationError && invalid.violations[0]?.rule === "minimum" && invalid.violations[0]?.field === "to", describe(invalid));
  });

  for (const [transport, c] of [["WebSocket", client], ["Server-Sent Events", events]] as const) {
    await checks.scenario(`count over ${transport}: cancellation`, async () => {
      const abort = new AbortController();
      const stream = await c.count({ to: 2, wait_for_cancel: true }, abort.signal);
      const got = [await stream.recv(), await stream.recv()].map((r) => r?.value);
      const pending = stream.recv();
      abort.abort();
      const cancelled = await checks.rejection(`count over ${transport}: abort`, withTimeout(pending, 5 * Second, "the aborted receive"));
      checks.check(`count over ${transport}: AbortSignal ends a pending receive with an AbortError`,
        got.join(",") === "1,2" && cancelled instanceof Error && cancelled.name === "AbortError", [got, describe(cancelled)]);
    });
  }

  for (const [transport, c] of [["WebSocket", client], ["batched WebSocket", batched]] as const) {
    await checks.scenario(`sum over ${transport}`, async () => {
      const sum = await c.sum();
      for (const value of [1, 2, 3, 4]) {
        await sum.send({ value });
      }

      const result = await sum.closeAndRecv();
      checks.check(`sum over ${transport}: closeAndRecv returns the result (total 10, count 4)`, result.total === 10 && result.count === 4, result);

      const refused = await c.sum();
      const invalid = await checks.rejection(`sum over ${transport}: negative value`, refused.send({ value: -1 } as SumStreamingPayload));
      checks.check(`sum over ${transport}: an invalid message is refused before sending (ValidationError, minimum)`,
        invalid instanceof ValidationError && invalid.violations[0]?.rule === "minimum", describe(invalid));
      await refused.send({ value: 5 });
      const after = await refused.closeAndRecv();
      checks.check(`sum over ${transport}: the stream stays usable after a refused message`, after.total === 5 && after.count === 1, after);

      const failing = await c.sum();
      await failing.send({ value: 1 });
      await failing.send({ value: 2, fail: true });
      const boom = await checks.rejection(`sum over ${transport}: designed error`, failing.closeAndRecv());
      checks.check(`sum over ${transport}: the server's designed error reaches closeAndRecv (BoomError)`,
        boom instanceof BoomError && boom.message === "sum failed at message 2", describe(boom));
    });
  }

  await checks.scenario("collect", async () => {
    const sink = await client.collect();
    for (const word of ["alpha", "beta", "gamma"]) {
      await sink.send(word);
    }

    const invalid = await checks.rejection("collect: empty word", sink.send(""));
    checks.check("collect: an empty word is refused before sending (minLength, field \"value\")",
      invalid instanceof ValidationError && invalid.violations[0]?.message === 'field "value" must have a length of at least 1 but has 0', describe(invalid));
    await withTimeout(sink.closeSend(), 10 * Second, "collect's closeSend");
    checks.check("collect: closeSend resolves once the server has finished", true);
  });

  for (const [transport, c] of [["WebSocket", client], ["batched WebSocket", batched]] as const) {
    await checks.scenario(`chat over ${transport}`, async () => {
      const chat = await c.chat();
      await chat.send({ text: "one" });
      const first = await chat.recv();
      await chat.send({ text: "two" });
      const second = await chat.recv();
      checks.check(`chat over ${transport}: each message is answered`, first?.text === "echo: one" && second?.text === "echo: two" && second.seq === 2, [first, second]);

      await chat.send({ text: "invalid reply" });
      const invalid = await checks.rejection(`chat over ${transport}: invalid reply`, chat.recv());
      checks.check(`chat over ${transport}: a result that breaks the design is refused (ValidationError, text required)`,
        invalid instanceof ValidationError && invalid.violations[0]?.field === "text" && invalid.violations[0]?.rule === "required", describe(invalid));

      await chat.send({ text: "three" });
      await chat.closeSend();
      const rest = (await collect(chat)).map((r) => r.text);
      checks.check(`chat over ${transport}: after closeSend the server's remaining results arrive, then the end`,
        rest.join("|") === "echo: three|bye|received 4", rest);

      const failing = await c.chat();
      await failing.send({ text: "a" });
      await failing.send({ text: "b", fail: true });
      const answers: string[] = [];
      const boom = await checks.rejection(`chat over ${transport}: designed error`, (async () => {
        for await (const result of failing) {
          answers.push(result.text);
        }
      })());
      checks.check(`chat over ${transport}: results, then the designed error mid-stream (BoomError)`,
        answers.join("|") === "echo: a" && boom instanceof BoomError && boom.message === "chat failed at message 2", [answers, describe(boom)]);
    });
  }

  await checks.scenario("chat: close abandons the call", async () => {
    const chat = await client.chat();
    await chat.send({ text: "x" });
    await chat.recv();
    await chat.close();
    const after = await checks.rejection("chat: receive after close", chat.recv());
    checks.check("chat: after close() a receive fails instead of hanging", after !== undefined, describe(after));
  });

  for (const [transport, c] of [["WebSocket", client], ["Server-Sent Events", events]] as const) {
    await checks.scenario(`items over ${transport}`, async () => {
      const tiny = await collect(await c.items({ view: "tiny", count: 3 }));
      checks.check(`items over ${transport}: view tiny projects each result to its id`,
        tiny.length === 3 && tiny.every((item, i) => item.id === i + 1 && item.name === undefined && item.detail === undefined), tiny);
      const full = await collect(await c.items({ count: 2 }));
      checks.check(`items over ${transport}: the default view has every attribute`,
        full.length === 2 && full[1]?.name === "item 2" && full[1]?.detail === "detail of item 2", full);
      const unknown = await checks.rejection(`items over ${transport}: unknown view`, c.items({ view: "huge", count: 1 }).then((s) => s.recv()));
      checks.check(`items over ${transport}: an unknown view is a typed error`, unknown instanceof ServiceError, describe(unknown));
    });
  }
}
