/** The one error the collector throws, with the reason a caller (and the command's exit code) acts on. */

/**
 * Why a pull stopped:
 * - `authentication`: the API answered 401 or 403 (exit code 3);
 * - `exhausted`: retries ran out, or a wait the server asked for is longer than allowed (exit code 4);
 * - `refused`: the API rejected the request itself (another 4xx), or a redirect the collector will not follow;
 * - `options`: the options are wrong (a plain `http://` base URL that is not loopback, a state made with other filters);
 * - `aborted`: the caller's signal aborted it.
 */
export type PullErrorReason = 'authentication' | 'exhausted' | 'refused' | 'options' | 'aborted';

/** A pull that could not go on. Its message never carries the admin key. */
export class AuditLogsPullError extends Error {
  override name = 'AuditLogsPullError';
  constructor(
    message: string,
    readonly reason: PullErrorReason,
    /** The HTTP status of the last response, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What looks like an OpenAI key (`sk-...`), in text a server sent back. */
const KEY_LIKE = /sk-[A-Za-z0-9_*.-]{4,}/g;

/** `text` with `key`, and anything shaped like a key, replaced: for every message built from what a server or the runtime said. */
export function redact(text: string, key: string): string {
  const withoutKey = key.length > 0 ? text.split(key).join('[redacted]') : text;
  return withoutKey.replace(KEY_LIKE, 'sk-[redacted]');
}
