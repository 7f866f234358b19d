/**
 * `actorOf` and `toEcs` on the hostile corpus (harness/hostile.ts): getters that throw on their
 * first, second or third read and revoked Proxies at every level of a log, sparse and huge
 * arrays, huge strings, deep nesting. Each returns rather than throws, with both options set, and
 * the ECS document still conforms (a log whose time cannot be read gets no `@timestamp`).
 * `toOcsf` is held to the revoked Proxies below the root only: it still throws on a throwing
 * getter in the details and on a revoked Proxy as the log itself.
 */
import { describe } from 'vitest';
import { ecsProblems } from '../../harness/ecs-conformance.ts';
import { HOST_EVENT, hostileValues, SMALL, type HostileValue } from '../../harness/hostile.ts';
import { actorOf } from '../../src/actor.ts';
import { toEcs } from '../../src/ecs.ts';
import type { AnyAuditLog } from '../../src/index.ts';
import { toOcsf } from '../../src/ocsf.ts';
import { runCases, type Case } from '../support/cases.ts';

const OPTIONS = { organization: { id: 'org-1', name: 'Acme' }, keepOriginal: true };
const NO_TIME = '@timestamp: required by ECS, missing';

/** What each mapper did with the value: returned, or threw (with the message). */
function outcomes(value: HostileValue): Record<string, string> {
  const attempt = (call: (log: AnyAuditLog) => unknown): string => {
    try {
      call(value.build() as AnyAuditLog);
      return 'returned';
    } catch (error) {
      return `threw: ${(error as Error).message}`;
    }
  };
  return {
    actorOf: attempt(actorOf),
    toEcs: attempt((log) => toEcs(log, OPTIONS)),
    ...(isProxyBelowRoot(value) ? { toOcsf: attempt((log) => toOcsf(log, OPTIONS)) } : {}),
  };
}

const isProxyBelowRoot = (value: HostileValue) => /a revoked Proxy as the (?!root)/.test(value.name);

const hostile = hostileValues(SMALL, [HOST_EVENT]);

describe('actorOf and toEcs on every hostile value, toOcsf on revoked Proxies below the root: they return', () => {
  const rows: Case<HostileValue, Record<string, string>>[] = hostile.map((value) => [
    value.name,
    {
      given: value,
      want: { actorOf: 'returned', toEcs: 'returned', ...(isProxyBelowRoot(value) ? { toOcsf: 'returned' } : {}) },
    },
  ]);
  runCases(rows, outcomes);
});

describe('toEcs on every hostile value: a conformant document', () => {
  const rows: Case<HostileValue, string[]>[] = hostile.map((value) => [value.name, { given: value, want: [] }]);
  // A getter or a Proxy in the way of effective_at hides the time: the one departure allowed.
  runCases(rows, (value) =>
    ecsProblems(toEcs(value.build() as AnyAuditLog, OPTIONS)).filter((problem) => problem !== NO_TIME),
  );
});
