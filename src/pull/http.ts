/**
 * One page of `GET /organization/audit_logs`, fetched with retries: 429 (after its `Retry-After`),
 * 408 and 5xx responses, connection resets, timeouts and bodies cut short are retried with bounded
 * exponential backoff and jitter; 401 and 403 stop at once. Redirects are followed by hand, so that
 * the key is never sent to another origin.
 */
import { AuditLogsPullError, redact } from './errors.js';
import {
  runtime,
  sleep,
  type AbortSignalLike,
  type FetchFunction,
  type FetchResponse,
  type UrlLike,
} from './runtime.js';

/** How hard to try. Every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt of a request (default 8). */
  maxRetries?: number;
  /** The first backoff, doubled at each retry (default 500 ms). */
  baseDelayMs?: number;
  /** The longest backoff (default 30 s). */
  maxDelayMs?: number;
  /** The longest `Retry-After` honoured: a longer one gives up at once (default 5 minutes). */
  maxRetryAfterMs?: number;
  /** One attempt's time limit, headers and body (default 60 s). */
  timeoutMs?: number;
}

/** A list page of the endpoint, checked for the fields paging needs. */
export interface Page {
  data: unknown[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** What every request of a pull shares. */
export interface Client {
  key: string;
  origin: string;
  fetch: FetchFunction;
  retry: Required<RetryOptions>;
  signal: AbortSignalLike | undefined;
  /** A number in [0, 1): the jitter. */
  random: () => number;
  /** Called before each retry's wait (the command line counts them). */
  onRetry?: (why: string, delayMs: number) => void;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = {
  maxRetries: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  timeoutMs: 60_000,
};

const MAX_REDIRECTS = 5;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether `url` may carry the key: https, or plain http to this machine only. */
export function isSafeUrl(url: UrlLike): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
}

/** A failure worth another attempt, with the wait the server asked for. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** `Retry-After` as milliseconds: seconds, or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The server's own `error.message`, when its body says one, cleared of anything like a key. */
function serverMessage(body: string, key: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    const message = parsed?.error?.message;
    if (typeof message === 'string') return `: ${redact(message, key).slice(0, 300)}`;
  } catch {
    // Not JSON: nothing more to say.
  }
  return '';
}

function isPage(value: unknown): value is Page {
  if (typeof value !== 'object' || value === null) return false;
  const page = value as Record<string, unknown>;
  const id = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  return Array.isArray(page.data) && typeof page.has_more === 'boolean' && id(page.first_id) && id(page.last_id);
}

/** One response, redirects followed; the key goes only to the origin of the base URL. */
async function send(
  client: Client,
  url: string,
  signal: AbortSignalLike,
): Promise<{ response: FetchResponse; url: string }> {
  let current = new runtime.URL(url);
  let withKey = true;
  for (let hop = 0; ; hop++) {
    withKey &&= current.origin === client.origin;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (withKey) headers.authorization = `Bearer ${client.key}`;
    const response = await client.fetch(current.href, { method: 'GET', headers, redirect: 'manual', signal });
    if (response.type === 'opaqueredirect')
      throw new AuditLogsPullError('the API redirected, and this runtime hides where to', 'refused', response.status);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current.href };
    await response.text().catch(() => '');
    if (hop >= MAX_REDIRECTS)
      throw new AuditLogsPullError(`more than ${MAX_REDIRECTS} redirects`, 'refused', response.status);
    current = new runtime.URL(location, current);
    if (!isSafeUrl(current))
      throw new AuditLogsPullError(`refusing a redirect to plain http://${current.host}`, 'refused', response.status);
  }
}

/** One attempt: a page, or a `Retryable`, or a final `AuditLogsPullError`. */
async function attempt(client: Client, url: string): Promise<Page> {
  const controller = new runtime.AbortController();
  const abort = () => controller.abort();
  client.signal?.addEventListener('abort', abort);
  const timer = runtime.setTimeout(abort, client.retry.timeoutMs);
  try {
    const { response } = await send(client, url, controller.signal);
    const body = await response.text();
    const status = response.status;
    if (status === 401 || status === 403)
      throw new AuditLogsPullError(
        `the API refused the admin key (HTTP ${status})${serverMessage(body, client.key)}`,
        'authentication',
        status,
      );
    if (status === 429 || status === 408 || status >= 500)
      throw new Retryable(`HTTP ${status}`, status, retryAfterMs(response.headers.get('retry-after')));
    if (status !== 200)
      throw new AuditLogsPullError(
        `the API rejected the request (HTTP ${status})${serverMessage(body, client.key)}`,
        'refused',
        status,
      );
    let page: unknown;
    try {
      page = JSON.parse(body);
    } catch {
      throw new Retryable(`a body that is not JSON (${body.length} characters; cut short?)`, status);
    }
    if (!isPage(page)) throw new Retryable('a body that is not a list page', status);
    return page;
  } catch (error) {
    if (error instanceof AuditLogsPullError || error instanceof Retryable) throw error;
    if (client.signal?.aborted) throw new AuditLogsPullError('aborted', 'aborted');
    if (controller.signal.aborted) throw new Retryable(`no answer within ${client.retry.timeoutMs} ms`);
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const detail = typeof cause?.code === 'string' ? cause.code : String((error as Error).message ?? error);
    throw new Retryable(redact(`connection failed (${detail})`, client.key));
  } finally {
    runtime.clearTimeout(timer);
    client.signal?.removeEventListener('abort', abort);
  }
}

/** The backoff before retry `n` (0-based): exponential, capped, with equal jitter. */
export function backoffMs(retry: Required<RetryOptions>, n: number, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** n);
  return ceiling / 2 + (ceiling / 2) * random();
}

/** Fetches one page, retrying what is worth retrying. */
export async function fetchPage(client: Client, url: string): Promise<Page> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(client, url);
    } catch (error) {
      if (!(error instanceof Retryable)) throw error;
      if (n >= client.retry.maxRetries)
        throw new AuditLogsPullError(
          `gave up after ${n + 1} attempts; the last failed with ${error.message}`,
          'exhausted',
          error.status,
        );
      const asked = error.retryAfterMs;
      if (asked !== undefined && asked > client.retry.maxRetryAfterMs)
        throw new AuditLogsPullError(
          `the API asked to wait ${Math.ceil(asked / 1000)} s (Retry-After), longer than the ${Math.ceil(client.retry.maxRetryAfterMs / 1000)} s allowed`,
          'exhausted',
          error.status,
        );
      const delay = Math.max(asked ?? 0, backoffMs(client.retry, n, client.random));
      client.onRetry?.(error.message, delay);
      await sleep(delay, client.signal);
      if (client.signal?.aborted) throw new AuditLogsPullError('aborted', 'aborted');
    }
  }
}
