/**
 * The parts of an OCSF event that come from the envelope: the actor (through `actorOf`), the
 * source endpoint with its location and autonomous system, the user agent, and the cloud
 * (OpenAI as provider, the project, the organization). Each leaves out what the log lacks.
 */
import type { OcsfActor, OcsfCloud, OcsfLocation, OcsfNetworkEndpoint, OcsfUser } from '../../generated/ocsf.js';
import type { AuditLogActorSummary, AuditLogPrincipal } from '../actor.js';
import { stringAt, type Fields } from '../safe-read.js';

/** The principal as an OCSF user: a user (type User) or a service account (type Service). */
export function userOfPrincipal(principal: AuditLogPrincipal | undefined, credential?: string): OcsfUser | undefined {
  if (principal === undefined || (principal.id === undefined && principal.email === undefined)) return undefined;
  const user: OcsfUser = principal.kind === 'user' ? { type_id: 1, type: 'User' } : { type_id: 4, type: 'Service' };
  if (principal.id !== undefined) user.uid = principal.id;
  if (principal.email !== undefined) {
    user.email_addr = principal.email;
    user.name = principal.email;
  }
  if (credential !== undefined) user.credential_uid = credential;
  return user;
}

/** OCSF's actor: who acted, with the API key they used as the user's credential. */
export function actorPart(actor: AuditLogActorSummary | undefined): OcsfActor | undefined {
  const user = userOfPrincipal(actor?.principal, actor?.apiKeyId);
  return user === undefined ? undefined : { user };
}

function locationOf(geo: AuditLogActorSummary['geo']): OcsfLocation | undefined {
  if (geo === undefined) return undefined;
  const location: OcsfLocation = {};
  if (geo.city !== undefined) location.city = geo.city;
  if (geo.country !== undefined) location.country = geo.country;
  if (geo.region !== undefined) location.region = geo.region;
  if (location.city === undefined && location.country === undefined && location.region === undefined) return undefined;
  if (geo.latitude !== undefined) location.lat = geo.latitude;
  if (geo.longitude !== undefined) location.long = geo.longitude;
  return location;
}

/** The session's address, where it is and its autonomous system (the number when the ASN reads as one). */
export function sourcePart(actor: AuditLogActorSummary | undefined): OcsfNetworkEndpoint | undefined {
  if (actor?.ipAddress === undefined) return undefined;
  const endpoint: OcsfNetworkEndpoint = { ip: actor.ipAddress };
  const location = locationOf(actor.geo);
  if (location !== undefined) endpoint.location = location;
  const asn = actor.geo?.asn;
  if (asn !== undefined) {
    const digits = /^(?:AS)?(\d{1,10})$/i.exec(asn.trim());
    endpoint.autonomous_system = digits ? { number: Number(digits[1]) } : { name: asn };
  }
  return endpoint;
}

export interface OrganizationOption {
  id?: string;
  name?: string;
}

/** The cloud profile: OpenAI as the provider, the project, the organization when the caller names it. */
export function cloudPart(project: Fields | undefined, organization: OrganizationOption | undefined): OcsfCloud {
  const cloud: OcsfCloud = { provider: 'OpenAI' };
  const projectId = stringAt(project, 'id');
  if (projectId !== undefined) cloud.project_uid = projectId;
  if (organization?.id !== undefined || organization?.name !== undefined) {
    cloud.org = {};
    if (typeof organization.id === 'string') cloud.org.uid = organization.id;
    if (typeof organization.name === 'string') cloud.org.name = organization.name;
  }
  return cloud;
}
