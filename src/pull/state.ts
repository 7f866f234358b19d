/**
 * Where a pull stands, per stream: how far every log has been delivered, the ids delivered in the
 * look-back window (so that a later run drops them), and the sweep in progress, if any. Plain
 * JSON, so that it can be written to a file and read back.
 *
 * A sweep pages from its upper bound (`to`) down to its lower one (`from`), newest first. A sweep
 * cut short resumes after its `cursor`; should the API no longer take that cursor, it resumes
 * with `effective_at[lte]=reached` instead, dropping the ids it delivered at that second (kept in
 * `atReached`), however many logs share it.
 */

/** `org`: what a plain request lists; `tenant`: what only a `tenant_only=true` request lists. */
export type PullStream = 'org' | 'tenant';

/** A sweep in progress. */
export interface PullSweep {
  /** `effective_at[gte]`; `null` for no lower bound. */
  from: number | null;
  /** `effective_at[lte]`. */
  to: number;
  /** The oldest `effective_at` delivered so far; `null` before the first log. */
  reached: number | null;
  /** The ids delivered at second `reached`. */
  atReached: string[];
  /** Ids delivered with `effective_at` in the look-back window below `to`, with their `effective_at`. */
  window: Record<string, number>;
  /** The `last_id` of the last page delivered: where the next page starts (`after`); `null` before the first page. */
  cursor: string | null;
}

/** The position of one stream. */
export interface PullStreamState {
  /** The filters it was made with, as a query string (`auditLogsQuery`, bounds and cursor left out). */
  filters: string;
  /** Every log with `effective_at` up to this second has been delivered; `null` before a sweep has completed. */
  through: number | null;
  /** Ids delivered in the look-back window below `through`, with their `effective_at`. */
  recent: Record<string, number>;
  /** The sweep in progress; `null` between runs that completed. */
  sweep: PullSweep | null;
}

/** The position of a pull, as `pullAuditLogs` reports it and takes it back. */
export interface PullState {
  version: 1;
  streams: Partial<Record<PullStream, PullStreamState>>;
}

/** Whether `value` is a state this version wrote (checked field by field, for a file read back). */
export function isPullState(value: unknown): value is PullState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as { version?: unknown; streams?: unknown };
  if (state.version !== 1 || typeof state.streams !== 'object' || state.streams === null) return false;
  return Object.entries(state.streams).every(
    ([name, stream]) => (name === 'org' || name === 'tenant') && isStream(stream),
  );
}

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isIdTimes = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isSeconds);

function isStream(value: unknown): value is PullStreamState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  if (typeof s.filters !== 'string' || !(s.through === null || isSeconds(s.through)) || !isIdTimes(s.recent))
    return false;
  if (s.sweep === null) return true;
  const w = s.sweep as Record<string, unknown> | undefined;
  return (
    typeof w === 'object' &&
    (w.from === null || isSeconds(w.from)) &&
    isSeconds(w.to) &&
    (w.reached === null || isSeconds(w.reached)) &&
    Array.isArray(w.atReached) &&
    w.atReached.every((id) => typeof id === 'string') &&
    isIdTimes(w.window) &&
    (w.cursor === null || typeof w.cursor === 'string')
  );
}

/** Entries of `ids` at or after `since`. */
const keepSince = (ids: Record<string, number>, since: number): Record<string, number> => {
  const kept: Record<string, number> = {};
  for (const [id, at] of Object.entries(ids)) if (at >= since) kept[id] = at;
  return kept;
};

/** A sweep from where the stream got to (less the look-back) up to `to`. */
export function startSweep(stream: PullStreamState, since: number | null, to: number, lookBack: number): PullSweep {
  const from = stream.through === null ? since : stream.through - lookBack;
  return { from, to, reached: null, atReached: [], window: {}, cursor: null };
}

/** Whether the log `id` was delivered already, by an earlier run or earlier in this sweep. */
export function wasDelivered(stream: PullStreamState, id: string): boolean {
  const sweep = stream.sweep;
  return (
    Object.prototype.hasOwnProperty.call(stream.recent, id) ||
    (sweep !== null && (Object.prototype.hasOwnProperty.call(sweep.window, id) || sweep.atReached.includes(id)))
  );
}

/** Records that the log `id` of second `at` is delivered. Logs come newest first. */
export function markDelivered(sweep: PullSweep, id: string, at: number, lookBack: number): void {
  if (sweep.reached === null || at < sweep.reached) {
    sweep.reached = at;
    sweep.atReached = [id];
  } else if (at === sweep.reached && !sweep.atReached.includes(id)) {
    sweep.atReached.push(id);
  }
  if (at >= sweep.to - lookBack) sweep.window[id] = at;
}

/** The sweep has reached its lower bound: the stream is delivered through its upper one. */
export function completeSweep(stream: PullStreamState, lookBack: number): void {
  const sweep = stream.sweep!;
  stream.recent = keepSince({ ...stream.recent, ...sweep.window }, sweep.to - lookBack);
  // A sweep to an earlier `until` than the last one's end does not move the position back.
  stream.through = stream.through === null ? sweep.to : Math.max(stream.through, sweep.to);
  stream.sweep = null;
}

/** A copy that later changes do not touch. */
export const snapshot = (state: PullState): PullState => JSON.parse(JSON.stringify(state)) as PullState;
