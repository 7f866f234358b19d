/**
 * The parts of the runtime (`fetch`, timers, `AbortController`) that the collector uses, typed here
 * so that its declarations need neither the DOM library nor Node's types. Node 18+, browsers,
 * Deno, Bun and edge runtimes all provide them as globals.
 */

/** An `AbortSignal`, as far as the collector reads one. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A `fetch` response, as far as the collector reads one. */
export interface FetchResponse {
  readonly status: number;
  /** `opaqueredirect` in a browser, which hides where a redirect points. */
  readonly type?: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The request the collector makes. */
export interface FetchInit {
  method: 'GET';
  headers: Record<string, string>;
  /** Redirects are followed by the collector itself, so it can drop the key when the origin changes. */
  redirect: 'manual';
  signal: AbortSignalLike;
}

/** A `fetch` function: the runtime's by default. */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponse>;

/** A parsed URL, as far as the collector reads one. */
export interface UrlLike {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
}

interface Runtime {
  URL: new (url: string, base?: string | UrlLike) => UrlLike;
  fetch?: FetchFunction;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  AbortController: new () => { readonly signal: AbortSignalLike; abort(): void };
}

/** The globals, read through a type of our own. */
export const runtime = globalThis as unknown as Runtime;

/** Waits `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      runtime.clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = runtime.setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
