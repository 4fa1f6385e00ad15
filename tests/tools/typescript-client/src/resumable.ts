// Resumable streams through the generated TypeScript client of testassets/Designs/ResumableDesign.cs: the host cuts
// connections (drop_after) and the client reconnects and resumes, over Server-Sent Events and a WebSocket; a stream
// whose server announced its start (the symbol LIVE) and failed before its first result resumes from there.

import { TickerClient, type PriceTick, type ServerStream } from "../../../../testassets/GeneratedTypeScript/Resumable/src/index.js";
import { Checks, withTimeout } from "./checks.js";
import type { Environment } from "./conformance.js";

const Ticks = 300;

async function read(stream: ServerStream<PriceTick>, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for await (const tick of stream) {
    seqs.push(tick.seq);
    if (seqs.length === count) {
      break;
    }
  }

  await stream.close();
  return seqs;
}

export async function runResumable(environment: Environment, checks: Checks): Promise<void> {
  const client = new TickerClient({ ...environment.options, reconnect: { maxAttempts: 20, initialDelayMs: 20, maxDelayMs: 500 } });
  const transports = [
    ["Server-Sent Events", (live: boolean, drop: number) => client.events({ symbol: live ? "LIVE" : "SRW", drop_after: drop })],
    ["WebSocket", (live: boolean, drop: number) => client.follow({ symbol: live ? "LIVE" : "SRW", drop_after: drop })],
  ] as const;
  for (const [transport, open] of transports) {
    await checks.scenario(`resume over ${transport}`, async () => {
      // The host holds ticks 1..300; the server cuts each connection after 37 ticks.
      const seqs = await withTimeout(open(false, 37).then((stream) => read(stream, Ticks)), 30_000, `reading ${Ticks} ticks`);
      checks.check(`resume over ${transport}: ${Ticks} ticks across dropped connections, in order, none twice, none missing`,
        seqs.length === Ticks && seqs.every((seq, i) => seq === i + 1), seqs.length);
    });

    await checks.scenario(`live start over ${transport}`, async () => {
      // The server starts at the live end and says so, publishes 10 ticks, then fails before any tick: the reconnect
      // resumes where it said it started, so those 10 arrive.
      const seqs = await withTimeout(open(true, 0).then((stream) => read(stream, 10)), 30_000, "reading the 10 ticks published after the start");
      checks.check(`live start over ${transport}: the ticks published before the first result arrive after the reconnect`,
        seqs.length === 10 && seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1) && seqs[0]! > Ticks, seqs);
    });
  }
}
