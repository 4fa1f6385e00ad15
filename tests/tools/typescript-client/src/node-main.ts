// node out/tests/tools/typescript-client/src/node-main.js <base address> <conformance|resumable|streams>
// Node 20 has fetch and web streams but no WebSocket: npm ws (the same API) is passed in the options.

import WebSocket from "ws";
import type { WebSocketConstructor } from "../../../../testassets/GeneratedTypeScript/Conformance/src/index.js";
import { Checks } from "./checks.js";
import { runConformance, type Environment } from "./conformance.js";
import { runResumable } from "./resumable.js";
import { runStreams } from "./streams.js";

const suites = { conformance: runConformance, resumable: runResumable, streams: runStreams };
const [baseUrl, suite] = process.argv.slice(2);
if (baseUrl === undefined || suite === undefined || !(suite in suites)) {
  console.error("usage: node-main.js <base address> <conformance|resumable|streams>");
  process.exit(2);
}

const checks = new Checks((line) => console.log(line));
const environment: Environment = {
  options: { baseUrl, webSocket: WebSocket as unknown as WebSocketConstructor },
  readsRefusedUpgrades: true,
  streamsRequestBodies: true,
};
await suites[suite as keyof typeof suites](environment, checks);
console.log(checks.failed === 0 ? "all checks passed" : `${checks.failed} checks failed`);
process.exit(checks.failed === 0 ? 0 : 1);
