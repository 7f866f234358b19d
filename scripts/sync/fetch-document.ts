/**
 * Reads an OpenAPI document over the network for `npm run sync -- <URL>` and `--latest`. Only
 * HTTPS leaves the machine: plain `http://` is refused unless the host is a loopback address
 * (what a test's local server listens on). Redirects are followed by hand, each hop checked the
 * same way, so that an HTTPS address cannot be redirected to plain HTTP. Every failure is a
 * DocumentError (exit code 2) that says what went wrong, offline included.
 */
import { DocumentError } from './openapi-document.ts';

/** Redirects followed before giving up. */
export const MAX_REDIRECTS = 5;
/** How long one request may take, headers and body (the full description is a few megabytes). */
export const FETCH_TIMEOUT_MS = 60_000;
/** The largest document read (OpenAI's full description is about 2 MB as of 2026). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** Whether `source` is a URL rather than a file name. */
export const isUrl = (source: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

/** `localhost`, `127.0.0.0/8` and `::1`: the machine itself. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function checkAddress(url: URL, source: string): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return;
  throw new DocumentError(
    source,
    url.protocol === 'http:'
      ? `plain http:// is accepted for loopback addresses only (${url.host} is not one): use https://`
      : `${url.protocol} addresses are not read: use https://`,
  );
}

/** Why a request failed, in words a user acts on. */
function networkProblem(error: unknown, url: URL): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if ((error as Error).name === 'TimeoutError')
    return `no answer from ${url.host} within ${FETCH_TIMEOUT_MS / 1000} s (offline?)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `cannot resolve ${url.hostname} (${code}): offline, or no DNS; download the document and give its file instead`;
  if (code !== undefined)
    return `cannot reach ${url.host} (${code}): offline, or the host refuses; download the document and give its file instead`;
  return `cannot reach ${url.host} (${typeof cause?.message === 'string' ? cause.message : (error as Error).message})`;
}

/** The body of `response` as text, refusing one larger than MAX_DOCUMENT_BYTES. */
async function readBody(response: Response, source: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_DOCUMENT_BYTES) throw new DocumentError(source, `is larger than ${MAX_DOCUMENT_BYTES} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > MAX_DOCUMENT_BYTES) throw new DocumentError(source, `is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    chunks.push(chunk as Uint8Array);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of the document at `source` (an https:// address, or http:// on loopback). */
export async function fetchDocumentText(source: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new DocumentError(source, 'is not a valid URL');
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkAddress(url, source);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (error) {
      throw new DocumentError(source, networkProblem(error, url));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DocumentError(source, `cannot be fetched: HTTP ${response.status} from ${url.host}`);
    }
    try {
      return await readBody(response, source);
    } catch (error) {
      if (error instanceof DocumentError) throw error;
      throw new DocumentError(source, networkProblem(error, url));
    }
  }
  throw new DocumentError(source, `redirects more than ${MAX_REDIRECTS} times`);
}
