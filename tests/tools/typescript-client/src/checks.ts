// Prints one line per check ("ok <name>" or "FAIL <name>: <detail>"), the way the other independent clients do.

export class Checks {
  failed = 0;

  constructor(private readonly print: (line: string) => void) {}

  check(name: string, passed: boolean, detail?: unknown): void {
    if (passed) {
      this.print(`ok ${name}`);
    } else {
      this.failed++;
      this.print(`FAIL ${name}: ${describe(detail)}`);
    }
  }

  /** Runs a scenario; an exception it did not expect is one failed check. */
  async scenario(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (e) {
      this.check(`${name}: ran without an unexpected error`, false, e);
    }
  }

  /** The rejection of `promise`, or a failed check when it resolved. */
  async rejection(name: string, promise: Promise<unknown>): Promise<unknown> {
    try {
      const value = await promise;
      this.check(`${name}: fails`, false, value);
      return undefined;
    } catch (e) {
      return e;
    }
  }
}

export function describe(value: unknown): string {
  if (value instanceof Error) {
    const fields = value as Error & { errorName?: string; status?: number; violations?: unknown };
    return `${value.name}(${fields.errorName ?? ""}${fields.status === undefined ? "" : ` ${fields.status}`}): ${value.message}${fields.violations === undefined ? "" : " " + JSON.stringify(fields.violations)}`;
  }

  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export async function collect<T>(stream: AsyncIterable<T>, limit = 10_000): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) {
    items.push(item);
    if (items.length >= limit) {
      break;
    }
  }

  return items;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
