// Serow's TypeScript client runtime: written beside the generated modules by `serow gen --typescript`.
// Licensed under the MIT license. It needs nothing but the APIs browsers and Node 20 share (fetch, streams,
// TextDecoder, AbortSignal), and a WebSocket class: the browser's, Node 22's, or one passed in the options (npm `ws`).
// The wire contracts are docs/protocol-websocket.md and docs/protocol-sse.md of the Serow repository.

/* eslint-disable */

// ---- errors ----

/** One violated rule of an invalid message: the field's path, the rule's name and a readable message. */
export interface Violation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** The error body every Serow transport carries: a unary error response, a WebSocket error frame, an SSE error event. */
export interface ErrorBody {
  name: string;
  id?: string | null;
  message?: string | null;
  temporary?: boolean;
  timeout?: boolean;
  fault?: boolean;
  errors?: Violation[] | null;
}

/** What an error knows besides its name and message. */
export interface ErrorInit {
  id?: string;
  temporary?: boolean;
  timeout?: boolean;
  fault?: boolean;
  /** The HTTP status the error came with, when it came with one. */
  status?: number;
  cause?: unknown;
}

/** A failure of a call, with its designed name (`not_found`, `invalid_message`, `connection_lost`…) and flags. */
export class ServiceError extends Error {
  /** The error's designed name, the same on every transport. */
  readonly errorName: string;
  /** The id of this occurrence, for finding it in the server's log. */
  readonly id: string | undefined;
  /** Whether retrying may succeed. */
  readonly temporary: boolean;
  /** Whether the error is a timeout. */
  readonly timeout: boolean;
  /** Whether the error is a server fault. */
  readonly fault: boolean;
  /** The HTTP status, when the error came with one. */
  readonly status: number | undefined;

  constructor(errorName: string, message: string, init: ErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ServiceError";
    this.errorName = errorName;
    this.id = init.id;
    this.temporary = init.temporary ?? false;
    this.timeout = init.timeout ?? false;
    this.fault = init.fault ?? false;
    this.status = init.status;
  }
}

/** A message that broke the design's rules (`invalid_message`), with every violation. */
export class ValidationError extends ServiceError {
  /** Every violated rule. */
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[], init: ErrorInit = {}) {
    super(ValidationError.errorName, violations.map((v) => v.message).join("; ") || "the message is invalid", init);
    this.name = "ValidationError";
    this.violations = violations;
  }

  /** The name of validation failures on every transport. */
  static readonly errorName = "invalid_message";
}

/** A resume from a position the server no longer retains (`resume_expired`): never a silent gap. */
export class ResumeExpiredError extends ServiceError {
  constructor(message: string, init: ErrorInit = {}) {
    super("resume_expired", message, init);
    this.name = "ResumeExpiredError";
  }
}

/** The host is shutting down (`server_stopping`): temporary, a reconnect reaches another host. */
export class ServerStoppingError extends ServiceError {
  constructor(message: string, init: ErrorInit = {}) {
    super("server_stopping", message, { ...init, temporary: true });
    this.name = "ServerStoppingError";
  }
}

/** Reconnects that kept failing (`reconnect_failed`); `cause` is the last failure. */
export class ReconnectFailedError extends ServiceError {
  readonly attempts: number;

  constructor(method: string, attempts: number, cause: unknown) {
    super("reconnect_failed", `${method} could not be reconnected after ${attempts} attempts`, { cause });
    this.name = "ReconnectFailedError";
    this.attempts = attempts;
  }
}

/** Creates the typed error of a service from an error body; generated per service. */
export type ErrorFactory = (name: string, message: string, init: ErrorInit) => ServiceError;

/** The errors every service shares, for names the service does not design. */
export function standardError(name: string, message: string, init: ErrorInit): ServiceError {
  switch (name) {
    case "resume_expired":
      return new ResumeExpiredError(message, init);
    case "server_stopping":
      return new ServerStoppingError(message, init);
    default:
      return new ServiceError(name, message, init);
  }
}

/** The typed error of an error body. */
export function errorFromBody(body: ErrorBody, errors: ErrorFactory, status?: number): ServiceError {
  const init: ErrorInit = {
    id: body.id ?? undefined,
    temporary: body.temporary ?? false,
    timeout: body.timeout ?? false,
    fault: body.fault ?? false,
    status,
  };
  if (body.name === ValidationError.errorName) {
    return new ValidationError(body.errors ?? [{ field: "", rule: "invalid", message: body.message ?? "invalid message" }], init);
  }

  return errors(body.name, body.message ?? body.name, init);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string";
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

// ---- validation ----

/** Collects the violations of one message; the generated validators call its rules. Messages match Serow's C# validators. */
export class ValidationReport {
  readonly violations: Violation[] = [];

  add(field: string, rule: string, message: string): void {
    this.violations.push({ field, rule, message });
  }

  required(field: string, value: unknown): void {
    if (value === undefined || value === null) {
      this.add(field, "required", `field "${display(field)}" is required`);
    }
  }

  type(field: string, value: unknown, expected: "string" | "number" | "integer" | "boolean" | "object" | "array"): boolean {
    const ok =
      expected === "array" ? Array.isArray(value)
      : expected === "object" ? typeof value === "object" && value !== null && !Array.isArray(value)
      : expected === "integer" ? typeof value === "number" && Number.isInteger(value)
      : typeof value === expected;
    if (!ok) {
      this.add(field, "type", `field "${display(field)}" must be ${expected === "integer" || expected === "array" || expected === "object" ? "an" : "a"} ${expected} but is ${literal(value)}`);
    }

    return ok;
  }

  enum<T>(field: string, value: T, allowed: readonly T[]): void {
    if (!allowed.includes(value)) {
      this.add(field, "enum", `field "${display(field)}" must be one of [${allowed.map(literal).join(", ")}] but is ${literal(value)}`);
    }
  }

  pattern(field: string, value: string, pattern: string): void {
    if (!regex(pattern).test(value)) {
      this.add(field, "pattern", `field "${display(field)}" must match the regular expression "${pattern}" but is ${literal(value)}`);
    }
  }

  format(field: string, value: string, format: string): void {
    if (!isFormat(format, value)) {
      this.add(field, "format", `field "${display(field)}" must be formatted as ${format} but is ${literal(value)}`);
    }
  }

  minLength(field: string, value: string | readonly unknown[] | Record<string, unknown>, min: number): void {
    const length = lengthOf(value);
    if (length < min) {
      this.add(field, "minLength", `field "${display(field)}" must have a length of at least ${min} but has ${length}`);
    }
  }

  maxLength(field: string, value: string | readonly unknown[] | Record<string, unknown>, max: number): void {
    const length = lengthOf(value);
    if (length > max) {
      this.add(field, "maxLength", `field "${display(field)}" must have a length of at most ${max} but has ${length}`);
    }
  }

  minimum(field: string, value: number, min: number): void {
    if (!(value >= min)) {
      this.add(field, "minimum", `field "${display(field)}" must be greater than or equal to ${min} but is ${value}`);
    }
  }

  maximum(field: string, value: number, max: number): void {
    if (!(value <= max)) {
      this.add(field, "maximum", `field "${display(field)}" must be less than or equal to ${max} but is ${value}`);
    }
  }

  exclusiveMinimum(field: string, value: number, min: number): void {
    if (!(value > min)) {
      this.add(field, "exclusiveMinimum", `field "${display(field)}" must be greater than ${min} but is ${value}`);
    }
  }

  exclusiveMaximum(field: string, value: number, max: number): void {
    if (!(value < max)) {
      this.add(field, "exclusiveMaximum", `field "${display(field)}" must be less than ${max} but is ${value}`);
    }
  }
}

/** The path of an object's member. */
export function member(path: string, name: string): string {
  return path.length === 0 ? name : `${path}.${name}`;
}

/** The path of an array's element. */
export function element(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** The path of a map's entry. */
export function entry(path: string, key: string): string {
  return `${path}[${key}]`;
}

/** A validator of one type, generated from the design. */
export type Validator<T> = (value: T, path: string, report: ValidationReport) => void;

/** Throws {@link ValidationError} with every violation when the value breaks its rules. */
export function validate<T>(value: T, validator: Validator<T> | undefined): T {
  const violations = violationsOf(value, validator);
  if (violations !== undefined) {
    throw new ValidationError(violations);
  }

  return value;
}

/** The violations of a value, or undefined when it keeps its rules. */
function violationsOf<T>(value: T, validator: Validator<T> | undefined): Violation[] | undefined {
  if (validator === undefined) {
    return undefined;
  }

  // Validators run synchronously, so one report serves every valid value; it is replaced when it collected violations.
  const report = sharedReport;
  validator(value, "", report);
  if (report.violations.length === 0) {
    return undefined;
  }

  sharedReport = new ValidationReport();
  return report.violations;
}

let sharedReport = new ValidationReport();

function display(field: string): string {
  return field.length === 0 ? "value" : field;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) {
    return "null";
  }

  return typeof value === "string" ? `"${value}"` : typeof value === "object" ? JSON.stringify(value) : String(value);
}

function lengthOf(value: string | readonly unknown[] | Record<string, unknown>): number {
  // Characters are Unicode code points, so an emoji counts once, as in Serow's C# validators.
  if (typeof value === "string") {
    let count = 0;
    for (const _ of value) {
      count++;
    }

    return count;
  }

  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

const patterns = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(pattern, "u");
    patterns.set(pattern, compiled);
  }

  return compiled;
}

const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ipv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const hostname = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const mac = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
const email = /^[^\s@<>()\[\]\\,;:"]+@[^\s@<>()\[\]\\,;:"]+$/;

function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) {
    return false;
  }

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isIPv6(value: string): boolean {
  if (!value.includes(":") || !/^[0-9a-fA-F:.]+$/.test(value)) {
    return false;
  }

  try {
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

function isFormat(format: string, value: string): boolean {
  switch (format) {
    case "date":
      return isDate(value);
    case "date-time":
      return dateTime.test(value) && !Number.isNaN(Date.parse(value.replace(" ", "T"))) && isDate(value.slice(0, 10));
    case "uuid":
      return uuid.test(value);
    case "email":
      return email.test(value);
    case "hostname":
      return value.length <= 253 && hostname.test(value);
    case "ipv4":
      return ipv4.test(value);
    case "ipv6":
      return isIPv6(value);
    case "ip":
      return ipv4.test(value) || isIPv6(value);
    case "uri":
      try {
        const uri = new URL(value);
        return value.toLowerCase().startsWith(uri.protocol);
      } catch {
        return false;
      }
    case "mac":
      return mac.test(value);
    case "cidr": {
      const [address, bits, extra] = value.split("/");
      const prefix = Number(bits);
      return extra === undefined && address !== undefined && bits !== undefined && /^\d+$/.test(bits)
        && (ipv4.test(address) ? prefix <= 32 : isIPv6(address) && prefix <= 128);
    }
    case "regexp":
      try {
        new RegExp(value, "u");
        return true;
      } catch {
        return false;
      }
    case "json":
      try {
        JSON.parse(value);
        return true;
      } catch {
        return false;
      }
    case "rfc1123":
      return /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value) && !Number.isNaN(Date.parse(value));
    default:
      throw new Error(`Unknown format "${format}".`);
  }
}

// ---- options ----

/** How a resumable stream reconnects after a temporary failure (docs/scale-out.md of Serow). */
export interface ReconnectOptions {
  /** How many reconnects in a row may fail before the stream ends with {@link ReconnectFailedError}; 10 by default. */
  maxAttempts?: number;
  /** The first delay, in milliseconds; 100 by default. */
  initialDelayMs?: number;
  /** The longest delay, in milliseconds; 5,000 by default. */
  maxDelayMs?: number;
}

/** The minimal WebSocket a client needs: the browser's, or npm `ws`'s (which has the same shape). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: any) => void): void;
}

/** A WebSocket class: `new (url, protocols)`. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** The credentials a secured method sends (docs/security.md of Serow); a method gets only those it requires. */
export interface Credentials {
  /** A bearer token (JWT, OAuth2): the Authorization header, or the WebSocket subprotocol `serow.bearer.<token>`. */
  bearerToken?: string;
  /** An API key: the X-API-Key header, or the WebSocket subprotocol `serow.apikey.<key>`. */
  apiKey?: string;
  /** A user name and password (Basic): the Authorization header, or the WebSocket subprotocol `serow.basic.<base64url>`. */
  basic?: { user: string; password: string };
}

/** The settings of a generated client. */
export interface ClientOptions {
  /** The server's base address, for example `http://127.0.0.1:8080` (a page may pass `location.origin`). */
  baseUrl: string | URL;
  /** The fetch function; the global one by default. */
  fetch?: typeof fetch;
  /** The WebSocket class; the global one by default (pass npm `ws` on Node 20). */
  webSocket?: WebSocketConstructor;
  /** Sends WebSocket messages in batches (`serow.v1.batch`): fewer frames for many small messages. */
  batch?: boolean;
  /** Server streams served over a WebSocket are read as Server-Sent Events instead (for proxies that do not pass upgrades). */
  serverStreamsAsEvents?: boolean;
  /** Reconnects resumable streams after temporary failures, resuming after the last result delivered; off by default. */
  reconnect?: ReconnectOptions;
  /** An SSE read that waits longer than this without a byte (no event, no keepalive) is a lost connection; 45,000 by default. */
  eventStreamIdleTimeoutMs?: number;
  /** Credentials for secured methods. */
  credentials?: Credentials | (() => Credentials);
  /** Headers sent with every HTTP request (not on WebSocket upgrades: browsers cannot set them). */
  headers?: Record<string, string>;
}

function credentialsOf(options: ClientOptions): Credentials {
  const credentials = options.credentials;
  return typeof credentials === "function" ? credentials() : credentials ?? {};
}

function fetchOf(options: ClientOptions): typeof fetch {
  const f = options.fetch ?? globalThis.fetch;
  if (f === undefined) {
    throw new Error("No fetch function: pass one in the client options.");
  }

  return f;
}

// ---- requests ----

/** What a method's security requires, generated from the design. */
export interface Security {
  readonly bearer?: boolean;
  readonly apiKey?: boolean;
  readonly basic?: boolean;
}

function base64(text: string, url: boolean): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }

  const encoded = btoa(binary);
  return url ? encoded.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "") : encoded;
}

/** An HTTP request under construction: the route's variables, the query, headers and the JSON body. */
export class HttpRequest {
  private path: string;
  private readonly queryParams = new URLSearchParams();
  readonly headers: Record<string, string> = {};
  body: BodyInit | undefined;
  security: Security | undefined;

  constructor(readonly method: string, readonly route: string, readonly label: string) {
    this.path = route;
  }

  /** Fills the `{name}` variable of the route. */
  param(name: string, value: unknown): this {
    this.path = this.path.replace(new RegExp(`\\{\\*?${name}\\}`), encodeURIComponent(text(value)));
    return this;
  }

  /** Adds a query parameter (one per element for an array); nothing for an absent value. */
  query(name: string, value: unknown): this {
    if (Array.isArray(value)) {
      for (const item of value) {
        this.queryParams.append(name, text(item));
      }
    } else if (value !== undefined && value !== null) {
      this.queryParams.append(name, text(value));
    }

    return this;
  }

  /** Sets a header; nothing for an absent value. */
  header(name: string, value: unknown): this {
    if (value !== undefined && value !== null) {
      this.headers[name] = Array.isArray(value) ? value.map(text).join(",") : text(value);
    }

    return this;
  }

  /** Sets the JSON body. */
  json(value: unknown): this {
    this.body = JSON.stringify(value);
    this.headers["Content-Type"] = "application/json";
    return this;
  }

  /** Sets a raw body (`SkipRequestBodyEncodeDecode`): bytes, a Blob, or a stream sent as it is read. */
  raw(body: BodyInit): this {
    this.body = body;
    const typed = Object.keys(this.headers).some((name) => name.toLowerCase() === "content-type")
      || (typeof Blob !== "undefined" && body instanceof Blob && body.type.length > 0);
    if (!typed) {
      this.headers["Content-Type"] = "application/octet-stream";
    }

    return this;
  }

  /** The absolute URL under the client's base address, with the given scheme mapping for WebSockets. */
  url(options: ClientOptions, extraQuery?: URLSearchParams): URL {
    const base = new URL(options.baseUrl);
    const prefix = base.pathname.endsWith("/") ? base.pathname.slice(0, -1) : base.pathname;
    const url = new URL(prefix + this.path, base);
    const query = new URLSearchParams(this.queryParams);
    extraQuery?.forEach((value, key) => query.append(key, value));
    url.search = query.toString();
    return url;
  }
}

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The typed error of an error body's JSON text, or `otherwise` when the text is not an error body. */
function errorFromJson(text: string, errors: ErrorFactory, status: number | undefined, otherwise: () => ServiceError): ServiceError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }

  return isErrorBody(parsed) ? errorFromBody(parsed, errors, status) : otherwise();
}

async function readError(response: Response, errors: ErrorFactory, label: string): Promise<ServiceError> {
  return errorFromJson(await response.text(), errors, response.status, () =>
    new ServiceError(`http_${response.status}`, `${label} answered ${response.status} ${response.statusText}`, { status: response.status, fault: response.status >= 500 }));
}

function securedHeaders(options: ClientOptions, request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers, ...request.headers };
  const credentials = credentialsOf(options);
  if (request.security?.bearer && credentials.bearerToken !== undefined) {
    headers["Authorization"] = `Bearer ${credentials.bearerToken}`;
  }

  if (request.security?.apiKey && credentials.apiKey !== undefined) {
    headers["X-API-Key"] = credentials.apiKey;
  }

  if (request.security?.basic && credentials.basic !== undefined) {
    headers["Authorization"] = `Basic ${base64(`${credentials.basic.user}:${credentials.basic.password}`, false)}`;
  }

  return headers;
}

async function send(options: ClientOptions, request: HttpRequest, errors: ErrorFactory, accept: string, signal: AbortSignal | undefined): Promise<Response> {
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method,
    headers: { Accept: accept, ...securedHeaders(options, request) },
    body: request.body,
    signal,
  };
  if (typeof ReadableStream !== "undefined" && request.body instanceof ReadableStream) {
    // A streamed request body is sent as it is read (fetch asks for half duplex).
    init.duplex = "half";
  }

  let response: Response;
  try {
    response = await fetchOf(options)(request.url(options), init);
  } catch (e) {
    if (signal?.aborted) {
      throw abortError(signal);
    }

    throw new ServiceError("connection_failed", `${request.label} could not reach the server: ${String(e)}`, { temporary: true, cause: e });
  }

  if (!response.ok) {
    throw await readError(response, errors, request.label);
  }

  return response;
}

/** Sends a unary request whose response body is raw bytes (`SkipResponseBodyEncodeDecode`): the response, to read as a stream, Blob or buffer. */
export function sendRaw(options: ClientOptions, request: HttpRequest, errors: ErrorFactory, signal?: AbortSignal): Promise<Response> {
  return send(options, request, errors, "*/*", signal);
}

/** Sends a unary request and reads its JSON result (or nothing for a method without one); errors are typed. */
export async function sendJson<T>(
  options: ClientOptions, request: HttpRequest, errors: ErrorFactory, validator: Validator<T> | undefined, hasResult: boolean, signal?: AbortSignal,
): Promise<T> {
  const response = await send(options, request, errors, "application/json", signal);

  if (!hasResult) {
    await response.body?.cancel();
    return undefined as T;
  }

  let result: T;
  try {
    result = (await response.json()) as T;
  } catch (e) {
    throw new ValidationError([{ field: "", rule: "decode", message: `the result of ${request.label} is not valid JSON: ${String(e)}` }]);
  }

  return validate(result, validator);
}

// ---- streams ----

/** The results of a server stream: `for await` them, or `recv()` one at a time. */
export interface ResultStream<T> extends AsyncIterable<T> {
  /** The next result, or `undefined` once the server has ended the results; a failure throws its typed error. */
  recv(): Promise<T | undefined>;
  /** Abandons the stream: the server's handler is cancelled. */
  close(): Promise<void>;
  /** The position of the last result of a resumable stream (or where the server said it starts). */
  readonly lastPosition: string | undefined;
}

/** A server stream's client side. */
export interface ServerStream<TOut> extends ResultStream<TOut> {}

/** A client stream's client side with a final result. */
export interface ClientStream<TIn, TResult> {
  /** Sends one message. */
  send(message: TIn): Promise<void>;
  /** Ends the messages and waits for the server's result. */
  closeAndRecv(): Promise<TResult>;
  /** Abandons the stream: the server's handler is cancelled. */
  close(): Promise<void>;
}

/** A client stream's client side without a result. */
export interface SinkStream<TIn> {
  /** Sends one message. */
  send(message: TIn): Promise<void>;
  /** Ends the messages and waits until the server has finished (a failure throws its typed error). */
  closeSend(): Promise<void>;
  /** Abandons the stream: the server's handler is cancelled. */
  close(): Promise<void>;
}

/** A bidirectional stream's client side. */
export interface BidiStream<TIn, TOut> extends ResultStream<TOut> {
  /** Sends one message. */
  send(message: TIn): Promise<void>;
  /** Ends the messages (half-close); the results keep coming. */
  closeSend(): Promise<void>;
}

/** How a stream's messages are checked, generated per method. */
export interface StreamContract<TIn, TOut> {
  /** `service.method`, for messages. */
  readonly label: string;
  readonly validateIn?: Validator<TIn>;
  readonly validateOut?: Validator<TOut>;
  readonly errors: ErrorFactory;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

// Results waiting for a reader, then the end (undefined) or a failure.
class Inbox<T> {
  private readonly items: T[] = [];
  private waiter: Waiter<T | undefined> | undefined;
  private ended = false;
  private failure: unknown;
  private failed = false;

  push(item: T): void {
    if (this.ended || this.failed) {
      return;
    }

    if (this.waiter !== undefined) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter.resolve(item);
    } else {
      this.items.push(item);
    }
  }

  end(): void {
    if (this.ended || this.failed) {
      return;
    }

    this.ended = true;
    this.waiter?.resolve(undefined);
    this.waiter = undefined;
  }

  fail(error: unknown): void {
    if (this.ended || this.failed) {
      return;
    }

    this.failed = true;
    this.failure = error;
    this.waiter?.reject(error);
    this.waiter = undefined;
  }

  get finished(): boolean {
    return this.ended || this.failed;
  }

  take(): Promise<T | undefined> {
    if (this.items.length > 0) {
      return Promise.resolve(this.items.shift());
    }

    if (this.failed) {
      return Promise.reject(this.failure);
    }

    if (this.ended) {
      return Promise.resolve(undefined);
    }

    if (this.waiter !== undefined) {
      return Promise.reject(new Error("Another receive is pending."));
    }

    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }
}

// The iterator of `for await`: each step is one receive; leaving the loop early (break, return) closes the stream.
function iterate<T>(recv: () => Promise<T | undefined>, close: () => Promise<void>): AsyncIterator<T> {
  return {
    next: () => recv().then((value): IteratorResult<T> => (value === undefined ? { done: true, value: undefined } : { done: false, value })),
    return: async (): Promise<IteratorResult<T>> => {
      await close();
      return { done: true, value: undefined };
    },
  };
}

const OPEN = 1;
const CLOSED = 3;
const POSITION_PREFIX = '{"$serow.position":';
const ERROR_PREFIX = '{"$serow.error":';

/** One streaming call over Serow's WebSocket protocol: every pattern, plain or batched. */
export class WebSocketStream<TIn, TOut> implements AsyncIterable<TOut> {
  private readonly inbox = new Inbox<{ readonly result: TOut } | { readonly invalid: Violation[] }>();
  private readonly batch: boolean;
  private errorFrame: ErrorBody | undefined;
  private sendClosed = false;
  private finished: ServiceError | null | undefined;
  private closing = false;
  private position: string | undefined;
  private received = 0;
  private readonly abort = () => this.fail(abortError(this.signal!), true);

  private constructor(
    private readonly socket: WebSocketLike,
    private readonly contract: StreamContract<TIn, TOut>,
    private readonly signal: AbortSignal | undefined,
    private readonly positionOf: ((result: TOut) => string | undefined) | undefined,
  ) {
    this.batch = socket.protocol === "serow.v1.batch";
    socket.addEventListener("message", (event: { data: unknown }) => this.onMessage(event.data));
    socket.addEventListener("close", (event: { code: number; reason: string }) => this.onClose(event.code, event.reason));
    signal?.addEventListener("abort", this.abort, { once: true });
  }

  /** Opens the WebSocket of `request` and resolves once the server has accepted it. */
  static connect<TIn, TOut>(
    options: ClientOptions, request: HttpRequest, contract: StreamContract<TIn, TOut>, signal?: AbortSignal,
    positionOf?: (result: TOut) => string | undefined,
  ): Promise<WebSocketStream<TIn, TOut>> {
    signal?.throwIfAborted();
    const WebSocketClass = options.webSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (WebSocketClass === undefined) {
      throw new Error("No WebSocket class: pass one in the client options (npm ws on Node 20).");
    }

    const url = request.url(options);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const protocols = [options.batch ? "serow.v1.batch" : "serow.v1"];
    const credentials = credentialsOf(options);
    if (request.security?.bearer && credentials.bearerToken !== undefined) {
      protocols.push(`serow.bearer.${credentials.bearerToken}`);
    }

    if (request.security?.apiKey && credentials.apiKey !== undefined) {
      protocols.push(`serow.apikey.${credentials.apiKey}`);
    }

    if (request.security?.basic && credentials.basic !== undefined) {
      protocols.push(`serow.basic.${base64(`${credentials.basic.user}:${credentials.basic.password}`, true)}`);
    }

    const socket = new WebSocketClass(url.toString(), protocols);
    return new Promise((resolve, reject) => {
      let refused: Promise<ServiceError> | undefined;
      const onAbort = () => {
        socket.close(1000, "cancelled");
        reject(abortError(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      // npm ws reports a refused upgrade with the response, whose body is the typed error (browsers hide it).
      const emitter = socket as unknown as { on?: (event: string, listener: (...args: any[]) => void) => void };
      emitter.on?.("unexpected-response", (_request: unknown, response: AsyncIterable<Uint8Array> & { statusCode?: number; statusMessage?: string }) => {
        refused = (async () => {
          const chunks: Uint8Array[] = [];
          for await (const chunk of response) {
            chunks.push(chunk);
          }

          const status = response.statusCode ?? 0;
          return errorFromJson(new TextDecoder().decode(concat(chunks)), contract.errors, status, () =>
            new ServiceError(`http_${status}`, `${contract.label} refused the WebSocket: ${status} ${response.statusMessage ?? ""}`, { status }));
        })();
        // With a listener, ws leaves the refused socket to its user: fail the connect, then release the socket.
        void refused.then((error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
          (socket as unknown as { terminate?: () => void }).terminate?.();
        });
      });
      const onOpen = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve(new WebSocketStream(socket, contract, signal, positionOf));
      };
      const onFailure = async () => {
        signal?.removeEventListener("abort", onAbort);
        reject(refused !== undefined
          ? await refused
          : new ServiceError("connection_failed", `${contract.label} could not open its WebSocket (the server refused the upgrade or is unreachable)`, { temporary: true }));
      };
      socket.addEventListener("open", onOpen);
      socket.addEventListener("error", () => {
        if (socket.readyState !== OPEN) {
          void onFailure();
        }
      });
    });
  }

  /** The position of the last result of a resumable stream, or where the server said it starts. */
  get lastPosition(): string | undefined {
    return this.position;
  }

  /** Whether a result arrived (a reconnect then resumes after the last one, not where the stream started). */
  get hasResults(): boolean {
    return this.received > 0;
  }

  async send(message: TIn): Promise<void> {
    this.signal?.throwIfAborted();
    if (this.sendClosed) {
      throw new Error(`${this.contract.label}: the messages were closed; nothing more can be sent.`);
    }

    if (this.finished !== undefined || this.socket.readyState !== OPEN) {
      throw this.finished ?? new ServiceError("connection_lost", `${this.contract.label}: the server has finished; the message was not delivered.`, { temporary: true });
    }

    validate(message, this.contract.validateIn);
    const json = JSON.stringify(message);
    this.socket.send(this.batch ? `[${json}]` : json);
    // The socket buffers what the network has not taken: wait while it holds a lot (the only backpressure a browser offers).
    while (this.socket.bufferedAmount > 1 << 20 && this.socket.readyState === OPEN) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Ends the messages (the `null` frame); the server keeps sending its results. */
  async closeSend(): Promise<void> {
    if (!this.sendClosed) {
      this.sendClosed = true;
      if (this.socket.readyState === OPEN) {
        this.socket.send("null");
      }
    }
  }

  /** Ends the messages and waits for the single result of a client stream. */
  async closeAndRecv(): Promise<TOut> {
    await this.closeSend();
    const result = await this.recv();
    if (result === undefined) {
      throw new ServiceError("missing_result", `${this.contract.label} ended without its result`, { fault: true });
    }

    return result;
  }

  /** Ends the messages and waits until the server has ended the call (for a client stream without a result). */
  async closeSendAndWait(): Promise<void> {
    await this.closeSend();
    while ((await this.recv()) !== undefined) {
      // A client stream without a result receives none.
    }
  }

  async recv(): Promise<TOut | undefined> {
    const item = await this.inbox.take();
    if (item === undefined) {
      return undefined;
    }

    if ("invalid" in item) {
      throw new ValidationError(item.invalid);
    }

    return item.result;
  }

  /** Abandons the call: closes the WebSocket (1000 `cancelled`); the server cancels its handler. */
  async close(): Promise<void> {
    if (!this.inbox.finished) {
      this.fail(new ServiceError("cancelled", `${this.contract.label} was closed by the caller`), true);
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<TOut> {
    return iterate(() => this.recv(), () => this.close());
  }

  private onMessage(data: unknown): void {
    if (typeof data !== "string") {
      this.violate(1003, "binary frames are not supported");
      return;
    }

    const trimmed = data.trimStart();
    if (trimmed.startsWith(ERROR_PREFIX)) {
      try {
        this.errorFrame = (JSON.parse(data) as { "$serow.error": ErrorBody })["$serow.error"];
      } catch {
        this.errorFrame = { name: "protocol_error", message: "an error frame is not valid JSON", fault: true };
      }

      return;
    }

    if (trimmed.startsWith(POSITION_PREFIX)) {
      try {
        const position = (JSON.parse(data) as { "$serow.position": unknown })["$serow.position"];
        if (typeof position === "string") {
          this.position = position;
          return;
        }
      } catch {
        // Reported below.
      }

      this.violate(1007, 'a position frame must be {"$serow.position": "…"}');
      return;
    }

    let messages: unknown[];
    try {
      const parsed: unknown = JSON.parse(data);
      messages = this.batch ? (Array.isArray(parsed) ? parsed : [parsed]) : [parsed];
    } catch {
      this.violate(1007, "a frame is not valid JSON");
      return;
    }

    for (const message of messages) {
      if (message === null) {
        this.violate(1007, "a frame holds null where a message is expected");
        return;
      }

      const violations = violationsOf(message as TOut, this.contract.validateOut);
      if (violations !== undefined) {
        this.inbox.push({ invalid: violations });
        continue;
      }

      this.received++;
      const position = this.positionOf?.(message as TOut);
      if (position !== undefined && position.length > 0) {
        this.position = position;
      }

      this.inbox.push({ result: message as TOut });
    }
  }

  private onClose(code: number, reason: string): void {
    this.signal?.removeEventListener("abort", this.abort);
    if (this.closing) {
      return;
    }

    const frame = this.errorFrame;
    if (code === 1000 && frame === undefined) {
      this.finished = null;
      this.inbox.end();
      return;
    }

    let error: ServiceError;
    if (frame !== undefined) {
      error = errorFromBody(frame, this.contract.errors, code >= 4000 && code <= 4999 ? code - 4000 : undefined);
    } else if (code === 1001) {
      error = new ServerStoppingError(`${this.contract.label}: the server is stopping`);
    } else if (code >= 4000 && code <= 4999) {
      error = this.contract.errors(reason || `http_${code - 4000}`, reason || `${this.contract.label} failed`, { status: code - 4000 });
    } else if (code === 1006 || code === 1005) {
      error = new ServiceError("connection_lost", `The connection of ${this.contract.label} was lost before the server finished`, { temporary: true });
    } else {
      error = new ServiceError("protocol_error", `${this.contract.label} was closed with ${code}: ${reason}`, { fault: true });
    }

    if (error.errorName === "server_stopping" && !(error instanceof ServerStoppingError)) {
      error = new ServerStoppingError(error.message, { id: error.id });
    }

    this.finished = error;
    if (error.errorName === "cancelled") {
      this.inbox.fail(new DOMException(`${this.contract.label} was cancelled by the server`, "AbortError"));
    } else {
      this.inbox.fail(error);
    }
  }

  private violate(code: number, reason: string): void {
    this.fail(new ServiceError("protocol_error", `The stream of ${this.contract.label} broke the protocol: ${reason}`, { fault: true }), false, code);
  }

  private fail(error: unknown, byCaller: boolean, code = 1000): void {
    this.signal?.removeEventListener("abort", this.abort);
    this.closing = true;
    this.finished = error instanceof ServiceError ? error : new ServiceError("cancelled", String(error));
    this.inbox.fail(error);
    if (this.socket.readyState !== CLOSED) {
      this.socket.close(code, byCaller ? "cancelled" : "protocol error");
    }
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }

  return all;
}

/** The client side of a server stream over a WebSocket. */
export function serverStream<TOut>(stream: WebSocketStream<never, TOut>): ServerStream<TOut> {
  return stream;
}

/** The client side of a client stream with a result over a WebSocket. */
export function clientStream<TIn, TResult>(stream: WebSocketStream<TIn, TResult>): ClientStream<TIn, TResult> {
  return stream;
}

/** The client side of a client stream without a result over a WebSocket: `closeSend` waits for the server's end. */
export function sinkStream<TIn>(stream: WebSocketStream<TIn, never>): SinkStream<TIn> {
  return {
    send: (message) => stream.send(message),
    closeSend: () => stream.closeSendAndWait(),
    close: () => stream.close(),
  };
}

/** The client side of a bidirectional stream over a WebSocket. */
export function bidiStream<TIn, TOut>(stream: WebSocketStream<TIn, TOut>): BidiStream<TIn, TOut> {
  return stream;
}

// ---- Server-Sent Events ----

/** One event as the HTML standard parses it. */
export interface ServerSentEvent {
  readonly type: string;
  readonly data: string;
  readonly id: string;
  readonly retry: number | undefined;
}

/** How the events of a method become results, generated from its SSE mapping. */
export interface EventContract<TOut> {
  /** Builds a result from an event (the data's JSON, or its text, and the mapped id, event and retry). */
  readonly read: (event: ServerSentEvent) => TOut;
}

/** Parses a `text/event-stream` as the HTML standard says: lines split on CRLF, LF or CR, comments skipped, data lines joined. */
export class EventStreamParser {
  private buffer = "";
  // The event's data lines: the first on its own (most events have one), the others joined to it when they come.
  private data: string | undefined;
  private type = "";
  private idBuffer: string | undefined;
  private retry: number | undefined;
  private first = true;
  private skipLf = false;
  /** The last event id: set by every `id:` field, also of an event without data. */
  lastEventId = "";

  /** Feeds decoded text; returns the events it completes. */
  push(text: string): ServerSentEvent[] {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }

    const events: ServerSentEvent[] = [];
    let start = 0;
    if (this.skipLf && text.charCodeAt(0) === 10) {
      start = 1;
    }

    this.skipLf = false;
    if (text.indexOf("\r", start) < 0) {
      // Lines ended by LF alone (what servers send): each line break found with indexOf.
      let end: number;
      while ((end = text.indexOf("\n", start)) >= 0) {
        this.line(this.buffer.length === 0 ? text.slice(start, end) : this.buffer + text.slice(start, end), events);
        this.buffer = "";
        start = end + 1;
      }

      this.buffer += text.slice(start);
      return events;
    }

    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.line(this.buffer + text.slice(start, i), events);
        this.buffer = "";
        if (c === 13) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === 10) {
              i++;
            }
          } else {
            this.skipLf = true;
          }
        }

        start = i + 1;
      }
    }

    this.buffer += text.slice(start);
    return events;
  }

  private line(line: string, events: ServerSentEvent[]): void {
    if (line.length === 0) {
      if (this.idBuffer !== undefined) {
        this.lastEventId = this.idBuffer;
      }

      if (this.data !== undefined) {
        events.push({ type: this.type || "message", data: this.data, id: this.lastEventId, retry: this.retry });
      }

      this.data = undefined;
      this.type = "";
      this.idBuffer = undefined;
      this.retry = undefined;
      return;
    }

    if (line.startsWith("data: ")) {
      this.data = this.data === undefined ? line.slice(6) : this.data + "\n" + line.slice(6);
      return;
    }

    if (line.startsWith(":")) {
      return;
    }

    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }

    switch (field) {
      case "data":
        this.data = this.data === undefined ? value : this.data + "\n" + value;
        break;
      case "event":
        this.type = value;
        break;
      case "id":
        if (!value.includes("\0")) {
          this.idBuffer = value;
        }
        break;
      case "retry":
        if (/^\d+$/.test(value)) {
          this.retry = Number(value);
        }
        break;
    }
  }
}

/** One server stream read as Server-Sent Events over fetch (so that headers and `Last-Event-ID` can be sent). */
export class EventStream<TOut> implements AsyncIterable<TOut> {
  private readonly parser = new EventStreamParser();
  // The events parsed and not yet returned: pending[next…].
  private pending: ServerSentEvent[] = [];
  private next = 0;
  private readonly decoder = new TextDecoder();
  private done = false;
  private received = 0;
  private readonly controller: AbortController;

  private constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly contract: StreamContract<never, TOut>,
    private readonly events: EventContract<TOut>,
    controller: AbortController,
    private readonly idleTimeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.controller = controller;
  }

  /** Sends the request with `Accept: text/event-stream` and resolves once the server has started the stream. */
  static async connect<TOut>(
    options: ClientOptions, request: HttpRequest, contract: StreamContract<never, TOut>, events: EventContract<TOut>, signal?: AbortSignal,
  ): Promise<EventStream<TOut>> {
    signal?.throwIfAborted();
    const controller = new AbortController();
    const onAbort = () => controller.abort(abortError(signal!));
    signal?.addEventListener("abort", onAbort, { once: true });
    let response: Response;
    try {
      response = await fetchOf(options)(request.url(options), {
        method: request.method,
        headers: { Accept: "text/event-stream", ...securedHeaders(options, request) },
        body: request.body,
        signal: controller.signal,
        cache: "no-store",
      });
    } catch (e) {
      signal?.removeEventListener("abort", onAbort);
      if (signal?.aborted) {
        throw abortError(signal);
      }

      throw new ServiceError("connection_failed", `${contract.label} could not reach the server: ${String(e)}`, { temporary: true, cause: e });
    }

    if (!response.ok) {
      signal?.removeEventListener("abort", onAbort);
      throw await readError(response, contract.errors, contract.label);
    }

    const mediaType = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "text/event-stream" || response.body === null) {
      signal?.removeEventListener("abort", onAbort);
      await response.body?.cancel();
      throw new ServiceError("protocol_error", `${contract.label} answered with "${mediaType}" instead of an event stream (text/event-stream).`, { fault: true });
    }

    return new EventStream(response.body.getReader(), contract, events, controller, options.eventStreamIdleTimeoutMs ?? 45_000, signal);
  }

  /** The id of the last event (a result's position, or where the server said the stream starts). */
  get lastPosition(): string | undefined {
    return this.parser.lastEventId.length > 0 ? this.parser.lastEventId : undefined;
  }

  /** Whether a result arrived. */
  get hasResults(): boolean {
    return this.received > 0;
  }

  async recv(): Promise<TOut | undefined> {
    while (this.next === this.pending.length) {
      if (this.done) {
        return undefined;
      }

      const chunk = await this.read();
      if (chunk === undefined) {
        this.done = true;
        return undefined;
      }

      this.pending = this.parser.push(this.decoder.decode(chunk, { stream: true }));
      this.next = 0;
    }

    const event = this.pending[this.next++]!;
    if (event.type === "error") {
      this.done = true;
      await this.release();
      const error = errorFromJson(event.data, this.contract.errors, undefined, () =>
        new ServiceError("protocol_error", `${this.contract.label} sent an error event that is not an error body.`, { fault: true }));
      if (error.errorName === "cancelled") {
        throw new DOMException(`${this.contract.label} was cancelled by the server`, "AbortError");
      }

      throw error;
    }

    let result: TOut;
    try {
      result = this.events.read(event);
    } catch (e) {
      throw new ValidationError([{ field: "", rule: "decode", message: `an event of ${this.contract.label} is not a valid result: ${String(e)}` }]);
    }

    this.received++;
    return validate(result, this.contract.validateOut);
  }

  async close(): Promise<void> {
    this.done = true;
    this.controller.abort(new DOMException("closed", "AbortError"));
    await this.release();
  }

  [Symbol.asyncIterator](): AsyncIterator<TOut> {
    return iterate(() => this.recv(), () => this.close());
  }

  private async read(): Promise<Uint8Array | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idle = false;
    if (this.idleTimeoutMs > 0 && Number.isFinite(this.idleTimeoutMs)) {
      timer = setTimeout(() => {
        idle = true;
        this.controller.abort(new DOMException("idle", "TimeoutError"));
      }, this.idleTimeoutMs);
    }

    try {
      const { value, done } = await this.reader.read();
      return done ? undefined : value;
    } catch (e) {
      this.done = true;
      if (this.signal?.aborted) {
        throw abortError(this.signal);
      }

      throw idle
        ? new ServiceError("connection_lost", `The connection of ${this.contract.label} was silent for ${this.idleTimeoutMs / 1000} s (no event, no keepalive): it is taken as lost.`, { temporary: true, cause: e })
        : new ServiceError("connection_lost", `The connection of ${this.contract.label} was lost before the server finished: ${String(e)}`, { temporary: true, cause: e });
    } finally {
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    }
  }

  private async release(): Promise<void> {
    try {
      await this.reader.cancel();
    } catch {
      // Already broken.
    }
  }
}

// ---- reconnecting ----

/** A stream one connection of a resumable method gives. */
interface ResumableConnection<TOut> {
  recv(): Promise<TOut | undefined>;
  close(): Promise<void>;
  readonly lastPosition: string | undefined;
  readonly hasResults: boolean;
}

/**
 * A resumable server stream that outlives its connections: after a temporary failure it waits a jittered, growing
 * delay and connects again after the position of the last result it delivered (or where the server said the stream
 * started), so the caller's `for await` continues with no result twice and none missing.
 */
export class ResumingStream<TOut> implements ServerStream<TOut> {
  private inner: ResumableConnection<TOut> | undefined;
  private position: string | undefined;
  private failures = 0;
  private closed = false;

  private constructor(
    private readonly label: string,
    private readonly connect: (after: string | undefined) => Promise<ResumableConnection<TOut>>,
    private readonly positionOf: (result: TOut) => string | undefined,
    private readonly options: Required<ReconnectOptions>,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Opens the first connection, retrying as a reconnect would. */
  static async open<TOut>(
    label: string, after: string | undefined, connect: (after: string | undefined) => Promise<ResumableConnection<TOut>>,
    positionOf: (result: TOut) => string | undefined, options: ReconnectOptions, signal?: AbortSignal,
  ): Promise<ResumingStream<TOut>> {
    const stream = new ResumingStream(label, connect, positionOf, {
      maxAttempts: options.maxAttempts ?? 10,
      initialDelayMs: options.initialDelayMs ?? 100,
      maxDelayMs: options.maxDelayMs ?? 5_000,
    }, signal);
    stream.position = after;
    await stream.reopen(undefined);
    return stream;
  }

  get lastPosition(): string | undefined {
    return this.position;
  }

  async recv(): Promise<TOut | undefined> {
    while (true) {
      const inner = this.inner!;
      let result: TOut | undefined;
      try {
        result = await inner.recv();
      } catch (e) {
        if (this.closed || this.signal?.aborted || !shouldReconnect(e)) {
          throw e;
        }

        // A connection that delivered nothing resumes where its server said the stream started, if it said so.
        if (!inner.hasResults && inner.lastPosition !== undefined) {
          this.position = inner.lastPosition;
        }

        await inner.close().catch(() => undefined);
        await this.reopen(e);
        continue;
      }

      if (result === undefined) {
        return undefined;
      }

      const position = this.positionOf(result);
      if (position !== undefined && position.length > 0) {
        this.position = position;
      }

      this.failures = 0;
      return result;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.inner?.close();
  }

  [Symbol.asyncIterator](): AsyncIterator<TOut> {
    return iterate(() => this.recv(), () => this.close());
  }

  private async reopen(failure: unknown): Promise<void> {
    while (true) {
      if (failure !== undefined) {
        if (++this.failures > this.options.maxAttempts) {
          throw new ReconnectFailedError(this.label, this.failures - 1, failure);
        }

        const ceiling = Math.min(this.options.initialDelayMs * 2 ** (this.failures - 1), this.options.maxDelayMs);
        await delay(ceiling / 2 + Math.random() * ceiling / 2, this.signal);
      }

      try {
        this.inner = await this.connect(this.position);
        return;
      } catch (e) {
        if (this.signal?.aborted || !shouldReconnect(e)) {
          throw e;
        }

        failure = e;
      }
    }
  }
}

function shouldReconnect(error: unknown): boolean {
  return error instanceof ServiceError && error.temporary && !(error instanceof ValidationError) && error.errorName !== "resume_expired";
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }

    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
