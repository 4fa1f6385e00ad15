// node out/bench.js <base address> <Serow|raw> <seconds> <streams> <messages per stream>
// Reads chat.events (Serow's SSE method, through the generated TypeScript client) or the minimal-API endpoint
// raw/events (TypedResults.ServerSentEvents, through a plain fetch reader that splits events and parses their data)
// on `streams` concurrent streams, one stream after the other on each, until `seconds` have passed. Prints one JSON
// line: the messages read, the time taken and the process's CPU time.

import { ChatClient } from "./client/src/index.js";

const [base, transport, secondsText, streamsText, sizeText] = process.argv.slice(2);
if (base === undefined || (transport !== "Serow" && transport !== "raw")) {
  console.error("usage: bench.js <base address> <Serow|raw> <seconds> <streams> <messages per stream>");
  process.exit(2);
}

const seconds = Number(secondsText ?? "1");
const streams = Number(streamsText ?? "1");
const size = Number(sizeText ?? "100000");
const client = new ChatClient({ baseUrl: base });

async function serow(): Promise<number> {
  let count = 0;
  for await (const _ of await client.events({ count: size })) {
    count++;
  }

  return count;
}

async function raw(): Promise<number> {
  const response = await fetch(new URL(`raw/events/${size}`, base.endsWith("/") ? base : base + "/"), { headers: { Accept: "text/event-stream" } });
  if (!response.ok || response.body === null) {
    throw new Error(`raw/events answered ${response.status}`);
  }

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let count = 0;
  while (true) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }

    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of block.split("\n")) {
        if (line.startsWith("data: ")) {
          JSON.parse(line.slice(6));
          count++;
        }
      }
    }
  }

  return count;
}

const read = transport === "Serow" ? serow : raw;
const started = performance.now();
const cpu = process.cpuUsage();
const counts = await Promise.all(Array.from({ length: streams }, async () => {
  let total = 0;
  while (performance.now() - started < seconds * 1000) {
    const got = await read();
    if (got !== size) {
      throw new Error(`${transport} delivered ${got} of ${size} messages`);
    }

    total += got;
  }

  return total;
}));
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ count: counts.reduce((a, b) => a + b, 0), elapsedMs: performance.now() - started, cpuMicros: used.user + used.system }));
