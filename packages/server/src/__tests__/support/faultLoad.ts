/**
 * Helpers for the fault tests: a bounded request with its outcome recorded (an answer or a
 * failure, never a throw), a worker pool over a fixed list of tasks, and a process's RSS.
 */
import { readFileSync } from 'node:fs';

/** What one request ended with: an answer, or the client-side failure instead of one. */
export type Outcome =
  | {
      ok: true;
      status: number;
      body: unknown;
      headers: Headers;
      /** `performance.now()` when sent and answered. */
      sentAt: number;
      answeredAt: number;
    }
  | { ok: false; error: string; sentAt: number; answeredAt: number };

export interface SendInit {
  method?: string;
  key: string;
  json?: unknown;
  headers?: Record<string, string>;
  /** Abort (recorded as a failure) past this many ms. @default 20000 */
  timeoutMs?: number;
}

/** One request to `baseUrl` + `path`, bounded in time; failures are returned, not thrown. */
export async function send(baseUrl: string, path: string, init: SendInit): Promise<Outcome> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${init.key}`,
    ...init.headers,
  };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const sentAt = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: AbortSignal.timeout(init.timeoutMs ?? 20_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: keep the text.
    }
    return {
      ok: true,
      status: response.status,
      body,
      headers: response.headers,
      sentAt,
      answeredAt: performance.now(),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      ok: false,
      error: `${(error as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`,
      sentAt,
      answeredAt: performance.now(),
    };
  }
}

/** The `error.code` of an API error answer, if it is one. */
export function errorCode(outcome: Outcome): string | undefined {
  if (!outcome.ok) return undefined;
  return (outcome.body as { error?: { code?: string } } | null)?.error?.code;
}

/**
 * Runs `task(0)` … `task(count - 1)`, at most `concurrency` at a time, in index order;
 * resolves with every result once all have settled.
 */
export async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** A process's resident set size in MB, from `/proc/<pid>/status` (Linux). */
export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}
