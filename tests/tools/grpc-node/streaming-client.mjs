// An independent gRPC client for Serow's generated services: @grpc/grpc-js (pure JavaScript on Node's HTTP/2) with
// the GENERATED .proto files loaded at run time by @grpc/proto-loader — no Serow code, no code generation.
//
// Usage: node streaming-client.mjs <host:port> <example gen dir> [<conformance gen dir>]
//   <example gen dir>      examples/streaming/gen (Monitor/Grpc/monitor.proto, Analytics/…, Chat/…, Logger/…)
//   <conformance gen dir>  testassets/Generated/Conformance (Conformance/Grpc/conformance.proto): unary, typed errors, deadline
// Prints one line per check ("ok …" or "FAIL …") and exits non-zero when any check fails.

import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [target, exampleDir, conformanceDir] = process.argv.slice(2);
if (!target || !exampleDir) {
  console.error('usage: node streaming-client.mjs <host:port> <example gen dir> [<conformance gen dir>]');
  process.exit(2);
}

// Every step is bounded; a hung call fails the run instead of hanging it.
const overall = setTimeout(() => {
  console.log('FAIL the checks did not finish within 60 s');
  process.exit(3);
}, 60_000);

let failures = 0;
function check(name, condition, detail) {
  if (condition) {
    console.log(`ok ${name}`);
  } else {
    failures++;
    console.log(`FAIL ${name}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  }
}

function load(dir, file, pkg, service) {
  const definition = protoLoader.loadSync(path.join(dir, file), {
    keepCase: true, // the designed field names (processed_count, user_id)
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
    includeDirs: [dir],
  });
  const Client = grpc.loadPackageDefinition(definition)[pkg][service];
  return new Client(target, grpc.credentials.createInsecure());
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// Resolves with the call's error (or null when it succeeds) and the response.
function unary(client, method, request, options = {}) {
  return withTimeout(new Promise((resolve) => {
    client[method](request, new grpc.Metadata(), options, (error, response) => resolve({ error, response }));
  }), 15_000, method);
}

// Reads a server stream: resolves with the messages, the final status and the error, if any.
function drain(call, stopAfter, onMessage) {
  return withTimeout(new Promise((resolve) => {
    const messages = [];
    let error = null;
    call.on('data', (message) => {
      messages.push(message);
      onMessage?.(message);
      if (stopAfter !== undefined && messages.length === stopAfter) {
        call.cancel();
      }
    });
    call.on('error', (e) => { error = e; });
    call.on('status', (status) => resolve({ messages, status, error }));
  }), 15_000, 'stream');
}

function trailer(error, key) {
  const values = error?.metadata?.get(key) ?? [];
  return values.length > 0 ? values[0] : undefined;
}

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

async function monitorWatch() {
  const monitor = load(exampleDir, 'Monitor/Grpc/monitor.proto', 'monitor', 'Monitor');
  const { messages, status } = await drain(monitor.Watch({ interval: 1 }), 2);
  check('monitor.watch: 2 samples received', messages.length === 2, messages);
  check('monitor.watch: cpu and memory are percentages',
    messages.every((m) => typeof m.cpu === 'number' && m.cpu >= 0 && m.cpu <= 100 && typeof m.memory === 'number' && m.memory >= 0 && m.memory <= 100), messages);
  check('monitor.watch: cancelled by the client (CANCELLED)', status.code === grpc.status.CANCELLED, status);
  monitor.close();
}

async function analyticsProcess() {
  const analytics = load(exampleDir, 'Analytics/Grpc/analytics.proto', 'analytics', 'Analytics');
  const result = await withTimeout(new Promise((resolve) => {
    const call = analytics.Process((error, response) => resolve({ error, response }));
    for (let i = 0; i < 3; i++) {
      call.write({ event_type: 'click', timestamp: `2025-01-0${i + 1}T10:00:00Z`, data: Buffer.from([i, i + 1]) });
    }
    call.end();
  }), 15_000, 'analytics.process');
  check('analytics.process: 3 events uploaded, processed_count = 3', !result.error && result.response?.processed_count === '3', result.error?.details ?? result.response);

  // A typed error: the service rejects an event whose timestamp is not a date-time (validation, INVALID_ARGUMENT).
  const bad = await withTimeout(new Promise((resolve) => {
    const call = analytics.Process((error, response) => resolve({ error, response }));
    call.write({ event_type: 'click', timestamp: 'yesterday', data: Buffer.from([1]) });
    call.end();
  }), 15_000, 'analytics.process (bad timestamp)');
  check('analytics.process: bad timestamp is INVALID_ARGUMENT', bad.error?.code === grpc.status.INVALID_ARGUMENT, bad.error?.code);
  check('analytics.process: serow-error-name = invalid_message', trailer(bad.error, 'serow-error-name') === 'invalid_message', trailer(bad.error, 'serow-error-name'));
  const violations = JSON.parse(Buffer.from(trailer(bad.error, 'serow-validation-bin') ?? '[]').toString('utf8'));
  check('analytics.process: serow-validation-bin names the field and rule',
    violations.length === 1 && violations[0].field === 'events[0].timestamp' && violations[0].rule === 'format', violations);
  analytics.close();
}

async function chatConnect() {
  const chat = load(exampleDir, 'Chat/Grpc/chat.proto', 'chat', 'Chat');

  // chat.connect takes a bearer token in the authorization metadata; without one the server answers UNAUTHENTICATED.
  const refused = await drain(chat.Connect(), undefined, undefined);
  check('chat.connect: without a token is UNAUTHENTICATED', refused.status.code === grpc.status.UNAUTHENTICATED, refused.status);
  const metadata = new grpc.Metadata();
  metadata.add('authorization', 'Bearer ' + (process.env.SEROW_TOKEN ?? ''));
  const call = chat.Connect(metadata);
  const done = drain(call, undefined, () => call.end()); // half-close once the echo arrived
  call.write({ message: 'hello from node', user_id: 'node' });
  const { messages, status } = await done;
  check('chat.connect: one timestamped echo received', messages.length === 1, messages);
  const echo = messages[0] ?? {};
  check('chat.connect: echo carries the message and user', echo.message === 'hello from node' && echo.user_id === 'node', echo);
  check('chat.connect: echo timestamp is RFC 3339', rfc3339.test(echo.timestamp ?? ''), echo.timestamp);
  check('chat.connect: ends OK after the half-close', status.code === grpc.status.OK, status);
  chat.close();
}

async function loggerSubscribe() {
  const logger = load(exampleDir, 'Logger/Grpc/logger.proto', 'logger', 'Logger');
  const call = logger.Subscribe({ topic: 'node-test-topic' });
  const done = drain(call);
  setTimeout(() => call.cancel(), 300);
  const { messages, status } = await done;
  check('logger.subscribe: open until cancelled, nothing published', messages.length === 0, messages);
  check('logger.subscribe: cancelled by the client (CANCELLED)', status.code === grpc.status.CANCELLED, status);
  logger.close();
}

async function conformance() {
  const client = load(conformanceDir, 'Conformance/Grpc/conformance.proto', 'conformance', 'Conformance');

  const echo = await unary(client, 'Echo', { text: 'hi from node' });
  check('conformance.echo: unary answer', !echo.error && echo.response?.text === 'hi from node', echo.error?.details ?? echo.response);

  const boom = await unary(client, 'Echo', { text: 'x', fail: true });
  check('conformance.echo: designed error is UNAVAILABLE', boom.error?.code === grpc.status.UNAVAILABLE, boom.error?.code);
  check('conformance.echo: status message is the error message', boom.error?.details === 'echo failed on request', boom.error?.details);
  check('conformance.echo: serow-error-name = boom', trailer(boom.error, 'serow-error-name') === 'boom', trailer(boom.error, 'serow-error-name'));
  check('conformance.echo: serow-error-id has 8 characters', /^.{8}$/.test(trailer(boom.error, 'serow-error-id') ?? ''), trailer(boom.error, 'serow-error-id'));
  check('conformance.echo: serow-error-flags = temporary', trailer(boom.error, 'serow-error-flags') === 'temporary', trailer(boom.error, 'serow-error-flags'));

  const invalid = await unary(client, 'Echo', { text: 'a'.repeat(101) });
  const invalidViolations = JSON.parse(Buffer.from(trailer(invalid.error, 'serow-validation-bin') ?? '[]').toString('utf8'));
  check('conformance.echo: too long text is INVALID_ARGUMENT with a maxLength violation',
    invalid.error?.code === grpc.status.INVALID_ARGUMENT && invalidViolations[0]?.field === 'text' && invalidViolations[0]?.rule === 'maxLength',
    { code: invalid.error?.code, invalidViolations });

  const counted = await drain(client.Count({ to: 3, fail_at: 3 }));
  check('conformance.count: results sent before a mid-stream error arrive first',
    counted.messages.map((m) => m.value).join(',') === '1,2', counted.messages);
  check('conformance.count: then the typed error (UNAVAILABLE, boom)',
    counted.status.code === grpc.status.UNAVAILABLE && counted.status.metadata.get('serow-error-name')[0] === 'boom', counted.status);

  // Generous: a loaded CI host can take well over 300 ms to send the first result of a cold method.
  const deadline = new Date(Date.now() + 3000);
  const sleeping = await drain(client.Count({ to: 1, wait_for_cancel: true }, new grpc.Metadata(), { deadline }));
  check('conformance.count: the first result arrives before the deadline', sleeping.messages.length === 1, sleeping.messages);
  check('conformance.count: an expired deadline is DEADLINE_EXCEEDED', sleeping.status.code === grpc.status.DEADLINE_EXCEEDED, sleeping.status);
  client.close();
}

try {
  await monitorWatch();
  await analyticsProcess();
  await chatConnect();
  await loggerSubscribe();
  if (conformanceDir) {
    await conformance();
  }
} catch (e) {
  failures++;
  console.log(`FAIL ${e?.stack ?? e}`);
}

clearTimeout(overall);
console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
