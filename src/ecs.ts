/**
 * openai-audit-logs/ecs: audit logs as Elastic Common Schema (ECS 9.x) documents, an entry of its
 * own so that code that only validates does not ship the mapper.
 */
export { toEcs } from './ecs/to-ecs.js';
export {
  ECS_VERSION,
  type EcsDocument,
  type EcsEvent,
  type EcsEventCategory,
  type EcsEventType,
  type EcsGeo,
  type EcsOpenAiAudit,
  type EcsOptions,
  type EcsSource,
  type EcsUser,
} from './ecs/document.js';
