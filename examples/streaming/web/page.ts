// The example page's script: monitor.watch and logger.manage through the generated TypeScript client (client/, written
// by `serow gen --typescript`), with the browser's own fetch and WebSocket. Compiled by `npm run build` to
// ../Streaming.Server/wwwroot/js/page.js, which index.html loads.

import { LoggerClient, MonitorClient, ServiceError, type BidiStream, type ManageResult, type ManageStreamingPayload } from "./client/src/index.js";

const baseUrl = location.origin;

function show(id: string, text: string): void {
  document.getElementById(id)!.textContent = text;
}

function describe(error: unknown): string {
  return error instanceof ServiceError ? `${error.errorName}: ${error.message}` : String(error);
}

// monitor.watch: a server stream of { cpu, memory } every second.
async function watchMonitor(): Promise<void> {
  const monitor = new MonitorClient({ baseUrl });
  let samples = 0;
  try {
    const watch = await monitor.watch({ interval: 1 });
    show("monitor-state", "live");
    for await (const sample of watch) {
      show("cpu", sample.cpu.toFixed(1));
      show("memory", sample.memory.toFixed(1));
      show("samples", String(++samples));
    }

    show("monitor-state", "ended");
  } catch (error) {
    show("monitor-state", "error: " + describe(error));
  }
}

// logger.manage: a bidirectional stream; the page adds and removes topics on the same open stream. It takes an API
// key, which the client sends in the WebSocket's subprotocol list (a browser cannot set headers on a WebSocket). The
// development host hands the page its key at /dev/credentials; a real page would get its credentials from its login.
async function manageLogs(): Promise<void> {
  const log = document.getElementById("log")!;
  let stream: BidiStream<ManageStreamingPayload, ManageResult> | undefined;
  const send = (action: "add" | "remove") => {
    const topic = (document.getElementById("topic") as HTMLInputElement).value.trim();
    if (topic && stream) {
      stream.send({ action, topic }).catch((error: unknown) => show("logger-state", "error: " + describe(error)));
    }
  };
  document.getElementById("add")!.onclick = () => send("add");
  document.getElementById("remove")!.onclick = () => send("remove");

  try {
    const login = (await (await fetch("/dev/credentials?user=page")).json()) as { apiKey: string };
    const logger = new LoggerClient({ baseUrl, credentials: { apiKey: login.apiKey } });
    stream = await logger.manage();
    show("logger-state", "live");
    await stream.send({ action: "add", topic: "system" });
    for await (const entry of stream) {
      const item = document.createElement("li");
      item.dataset.topic = entry.topic;
      item.textContent = `${entry.timestamp} [${entry.topic}] ${entry.message}`;
      log.prepend(item);
      const following = /now following \[(.*)\]/.exec(entry.message);
      if (entry.topic === "logger" && following) {
        show("topics", following[1] || "none");
      }
    }

    show("logger-state", "ended");
  } catch (error) {
    show("logger-state", "error: " + describe(error));
  }
}

void watchMonitor();
void manageLogs();
