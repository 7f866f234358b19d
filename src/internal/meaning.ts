/**
 * What an event means, as a SIEM reads it: the rule over resource families and action verbs that
 * names every event's OCSF 1.8.0 class and activity, its ECS event.category and event.type, its
 * outcome and the entity it acts on. The generator applies it to the catalog (with the schema's
 * `x-meaning` overrides) and the runtime applies it to event types newer than the catalog, so it
 * lives here, in the leaf both can import. schema/README.md states the rule in words.
 */

export type EventOutcome = 'success' | 'failure' | 'unknown';

export interface EventMeaning {
  /** OCSF 1.8.0 class and activity, e.g. `{ classUid: 3002, activityId: 1 }` for a logon. */
  ocsf: { classUid: number; activityId: number };
  /** ECS 9.x event.category and event.type values (each type allowed for its category). */
  ecs: { category: readonly string[]; type: readonly string[] };
  outcome: EventOutcome;
  /** The entity the event acts on: its resource name, and dotted paths into the details object for its id and name. */
  target: { resource: string; idPath?: string; namePath?: string };
}

/** The OCSF 1.8.0 IAM classes the rule uses (class uid = category 3 × 1000 + class). */
export const OCSF_CLASS = {
  accountChange: 3001,
  authentication: 3002,
  entityManagement: 3004,
  userAccessManagement: 3005,
  groupManagement: 3006,
} as const;

/** What an action verb does, whatever the resource: the verbs of the catalog, by their effect. */
type Effect = 'create' | 'read' | 'update' | 'delete' | 'enable' | 'disable' | 'activate' | 'deactivate' | 'other';

const EFFECTS: Readonly<Record<string, Effect>> = {
  created: 'create',
  added: 'create',
  registered: 'create',
  provisioned: 'create',
  issued: 'create',
  sent: 'create',
  submitted: 'create',
  invited: 'create',
  looked_up: 'read',
  updated: 'update',
  upserted: 'update',
  migrated: 'update',
  resolved: 'update',
  accepted: 'update',
  declined: 'update',
  attached: 'update',
  detached: 'update',
  bound_to_resource: 'update',
  unbound_from_resource: 'update',
  completed: 'update',
  deleted: 'delete',
  removed: 'delete',
  revoked: 'delete',
  enabled: 'enable',
  disabled: 'disable',
  archived: 'disable',
  activated: 'activate',
  deactivated: 'deactivate',
  started: 'other',
  requested: 'other',
  redemption: 'other',
  succeeded: 'other',
  failed: 'other',
};

/** Entity Management's activity for each effect: the fallback class of every family. */
const ENTITY_ACTIVITY: Readonly<Record<Effect, number>> = {
  create: 1,
  read: 2,
  update: 3,
  delete: 4,
  enable: 8,
  disable: 9,
  activate: 10,
  deactivate: 11,
  other: 99,
};

/** ECS event.type for each effect (allowed for both `iam` and `configuration`). */
const ECS_TYPE: Readonly<Record<Effect, string>> = {
  create: 'creation',
  read: 'info',
  update: 'change',
  delete: 'deletion',
  enable: 'change',
  disable: 'change',
  activate: 'change',
  deactivate: 'change',
  other: 'info',
};

/**
 * The ECS 9.x `event.type` values each `event.category` the rule uses allows (facts of ECS's
 * `event.category` allowed values); `generate --check` holds every meaning to them.
 */
export const ECS_TYPES_BY_CATEGORY: Readonly<Record<string, readonly string[]>> = {
  authentication: ['start', 'end', 'info'],
  session: ['start', 'end', 'info'],
  iam: ['admin', 'change', 'creation', 'deletion', 'group', 'info', 'user'],
  configuration: ['access', 'change', 'creation', 'deletion', 'info'],
};

/**
 * A family of resources: which resources belong (by the last segment of the resource, or any
 * segment), the OCSF class it prefers with the activities that class has for each effect (an effect
 * the class lacks falls back to Entity Management), and its ECS category and extra event.type.
 */
interface Family {
  name: string;
  matches: (segments: readonly string[], last: string) => boolean;
  classUid: number;
  activities: Partial<Record<Effect, number>>;
  ecsCategory: readonly string[];
  ecsTypes: readonly string[];
}

/** Resources that manage who may act (identities, credentials, roles, policies, sign-in set-up): ECS `iam`. */
const IDENTITY_SEGMENTS = new Set([
  'api_key',
  'admin_api_key',
  'project_api_key',
  'role',
  'custom_role',
  'invite',
  'api_organization_invite',
  'chatgpt_workspace_invite',
  'sso',
  'sso_connection',
  'scim',
  'workload_identity',
  'workload_identity_provider',
  'workload_identity_provider_mapping',
  'microsoft_entra_mapping',
  'access_token',
  'chatgpt_access_token',
  'token',
  'permission',
  'resource_share_grant',
  'resource_access',
  'session_revocation',
  'trusted_access',
]);

const FAMILIES: readonly Family[] = [
  {
    name: 'privilege',
    matches: (_segments, last) => last === 'assignment' || last.endsWith('role_assignment'),
    classUid: OCSF_CLASS.userAccessManagement,
    activities: { create: 1, delete: 2 },
    ecsCategory: ['iam'],
    ecsTypes: ['admin'],
  },
  {
    name: 'group membership',
    matches: (segments, last) => last === 'member' && segments.includes('group'),
    classUid: OCSF_CLASS.groupManagement,
    activities: { create: 3, delete: 4 },
    ecsCategory: ['iam'],
    ecsTypes: ['group'],
  },
  {
    name: 'group',
    matches: (_segments, last) => last === 'group',
    classUid: OCSF_CLASS.groupManagement,
    activities: { create: 6, delete: 5 },
    ecsCategory: ['iam'],
    ecsTypes: ['group'],
  },
  {
    name: 'account',
    matches: (_segments, last) => last === 'user' || last === 'service_account' || last === 'membership',
    classUid: OCSF_CLASS.accountChange,
    activities: { create: 1, enable: 2, disable: 5, delete: 6 },
    ecsCategory: ['iam'],
    ecsTypes: ['user'],
  },
  {
    name: 'identity',
    matches: (segments) => segments.some((segment) => IDENTITY_SEGMENTS.has(segment) || segment.endsWith('policy')),
    classUid: OCSF_CLASS.entityManagement,
    activities: {},
    ecsCategory: ['iam'],
    ecsTypes: [],
  },
];

/** Everything else is configuration of the organization: projects, allowlists, limits, billing, storage. */
const CONFIGURATION: Family = {
  name: 'configuration',
  matches: () => true,
  classUid: OCSF_CLASS.entityManagement,
  activities: {},
  ecsCategory: ['configuration'],
  ecsTypes: [],
};

/** Sign-ins and sign-outs: Authentication's Logon and Logoff, an ECS authentication session start or end. */
function authenticationMeaning(last: string, resource: string, action: string): EventMeaning | undefined {
  if (last !== 'login' && last !== 'logout') return undefined;
  const logon = last === 'login';
  return {
    ocsf: { classUid: OCSF_CLASS.authentication, activityId: logon ? 1 : 2 },
    ecs: { category: ['authentication', 'session'], type: [logon ? 'start' : 'end'] },
    outcome: action === 'failed' ? 'failure' : action === 'succeeded' ? 'success' : 'unknown',
    target: { resource },
  };
}

/**
 * The meaning of `resource.action` by the rule: a sign-in or sign-out is an authentication; any
 * other resource belongs to the first family that claims it, which gives the OCSF class (or Entity
 * Management, where the family's class has no activity for the verb) and the ECS category. An
 * action the rule does not know is OCSF activity Other, ECS type `info`, with outcome `unknown`.
 */
export function meaningByRule(resource: string, action: string): EventMeaning {
  const segments = resource.split('.');
  const last = segments[segments.length - 1]!;
  const authentication = authenticationMeaning(last, resource, action);
  if (authentication) return authentication;
  const family = FAMILIES.find((candidate) => candidate.matches(segments, last)) ?? CONFIGURATION;
  const known = Object.prototype.hasOwnProperty.call(EFFECTS, action);
  const effect: Effect = known ? EFFECTS[action]! : 'other';
  const activity = family.activities[effect];
  return {
    ocsf:
      activity === undefined
        ? { classUid: OCSF_CLASS.entityManagement, activityId: ENTITY_ACTIVITY[effect] }
        : { classUid: family.classUid, activityId: activity },
    ecs: { category: family.ecsCategory, type: [...family.ecsTypes, ECS_TYPE[effect]] },
    outcome: action === 'failed' ? 'failure' : known ? 'success' : 'unknown',
    target: { resource, idPath: 'id', namePath: 'name' },
  };
}
