/** The envelope rules, shared by every event type, as one table. */
import { describe } from 'vitest';
import { isAuditLog, parseAuditLog, validateAuditLog } from '../../src/index.ts';
import { runCases, type Case } from '../support/cases.ts';
import { catalog, validPayload } from '../../harness/payloads.ts';

const base = validPayload(catalog[0]!);
const without = (key: string) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key));
const withField = (key: string, value: unknown) => ({ ...base, [key]: value });

interface Verdict {
  valid: boolean;
  /** JSON Pointers of the errors parseAuditLog reports. */
  paths: string[];
}

function verdict(given: unknown): Verdict {
  const parsed = parseAuditLog(given);
  const valid = validateAuditLog(given);
  // The three entry points must agree on every row.
  if (valid !== parsed.success || valid !== isAuditLog(given)) throw new Error('entry points disagree');
  return { valid, paths: parsed.success ? [] : parsed.errors.map((error) => error.path) };
}

const ok: Verdict = { valid: true, paths: [] };
const rejectedAt = (...paths: string[]): Verdict => ({ valid: false, paths });

const cases: Case<unknown, Verdict>[] = [
  ['the base payload', { given: base, want: ok }],
  [
    'undocumented top-level fields',
    { given: { ...base, object: 'organization.audit_log', extra: { deep: [1] } }, want: ok },
  ],
  ['missing id', { given: without('id'), want: rejectedAt('/id') }],
  ['missing type', { given: without('type'), want: rejectedAt('/type') }],
  ['missing effective_at', { given: without('effective_at'), want: rejectedAt('/effective_at') }],
  ['id as a number', { given: withField('id', 7), want: rejectedAt('/id') }],
  ['type as a number', { given: withField('type', 7), want: rejectedAt('/type') }],
  ['an unknown type', { given: withField('type', 'api_key.exploded'), want: rejectedAt('/type') }],
  ['a type that is an Object.prototype key', { given: withField('type', 'toString'), want: rejectedAt('/type') }],
  ['effective_at as a string', { given: withField('effective_at', '1722461446'), want: rejectedAt('/effective_at') }],
  ['effective_at with a fraction', { given: withField('effective_at', 1.5), want: rejectedAt('/effective_at') }],
  ['effective_at negative', { given: withField('effective_at', -86400), want: ok }],
  ['effective_at large', { given: withField('effective_at', 4102444800000), want: ok }],
  ['effective_at null', { given: withField('effective_at', null), want: rejectedAt('/effective_at') }],
  ['actor null', { given: withField('actor', null), want: ok }],
  ['actor absent', { given: without('actor'), want: ok }],
  ['actor as a string', { given: withField('actor', 'user-1'), want: rejectedAt('/actor') }],
  ['actor as an array', { given: withField('actor', []), want: rejectedAt('/actor') }],
  ['actor with an unknown type', { given: withField('actor', { type: 'robot' }), want: rejectedAt('/actor/type') }],
  [
    'actor api_key with an unknown key type',
    {
      given: withField('actor', { type: 'api_key', api_key: { id: 'k', type: 'admin' } }),
      want: rejectedAt('/actor/api_key/type'),
    },
  ],
  [
    'actor session user with a numeric email',
    {
      given: withField('actor', { type: 'session', session: { user: { email: 5 } } }),
      want: rejectedAt('/actor/session/user/email'),
    },
  ],
  ['project as a string', { given: withField('project', 'proj_1'), want: rejectedAt('/project') }],
  ['project null', { given: withField('project', null), want: rejectedAt('/project') }],
  ['project empty', { given: withField('project', {}), want: ok }],
  ['project id as a number', { given: withField('project', { id: 1, name: 'n' }), want: rejectedAt('/project/id') }],
  ['root null', { given: null, want: rejectedAt('') }],
  ['root an array', { given: [base], want: rejectedAt('') }],
  ['root a string', { given: JSON.stringify(base), want: rejectedAt('') }],
  ['root a number', { given: 42, want: rejectedAt('') }],
  ['root undefined', { given: undefined, want: rejectedAt('') }],
  ['root an empty object', { given: {}, want: rejectedAt('/id', '/type', '/effective_at') }],
  [
    'several problems at once',
    { given: { ...base, id: 1, effective_at: 'x', actor: 'me' }, want: rejectedAt('/id', '/effective_at', '/actor') },
  ],
];

describe('envelope', () => runCases(cases, verdict));
