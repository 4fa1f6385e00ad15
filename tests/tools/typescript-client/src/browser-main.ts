// The page's entry (browser.html?suite=conformance): the browser's own fetch and WebSocket, the same scenarios as Node.
// Each line goes to the page's log; window.serowResult is set when the run is over.

import { Checks } from "./checks.js";
import { runConformance, type Environment } from "./conformance.js";
import { runResumable } from "./resumable.js";
import { runStreams } from "./streams.js";

declare global {
  interface Window {
    serowLines: string[];
    serowResult?: string;
  }
}

window.serowLines = [];
const log = document.getElementById("log")!;
const checks = new Checks((line) => {
  window.serowLines.push(line);
  const item = document.createElement("li");
  item.textContent = line;
  log.append(item);
});
const suite = new URLSearchParams(location.search).get("suite") ?? "conformance";
const environment: Environment = { options: { baseUrl: location.origin }, readsRefusedUpgrades: false, streamsRequestBodies: false };
try {
  await (suite === "resumable" ? runResumable(environment, checks) : suite === "streams" ? runStreams(environment, checks) : runConformance(environment, checks));
} catch (e) {
  checks.check("the run ended without an unexpected error", false, e);
}

window.serowResult = checks.failed === 0 ? "all checks passed" : `${checks.failed} checks failed`;
