/**
 * `openai-audit-logs/ocsf`: audit logs as OCSF 1.8.0 events, for Amazon Security Lake, Splunk
 * and the other SIEMs and data lakes that speak OCSF. Kept out of the root entry so that code
 * which only validates logs does not ship the mapper.
 */
export { toOcsf, OCSF_VERSION, type ToOcsfOptions } from './ocsf/to-ocsf.js';
export type { OrganizationOption as OcsfOrganization } from './ocsf/parts.js';
export { meaningOf, type EventMeaning, type EventOutcome } from './meaning.js';
export type {
  OcsfAccountChange,
  OcsfAuthentication,
  OcsfAuthorizeSession,
  OcsfEntityManagement,
  OcsfEvent,
  OcsfGroupManagement,
  OcsfUserAccess,
} from '../generated/ocsf.js';
